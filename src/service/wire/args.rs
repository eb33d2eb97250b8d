//! How a call's arguments cross the socket. The service takes borrowed
//! arguments (`&ProjectCode`, `&str`, `&[u32]`, `Option<&str>`); a request
//! carries them owned. Three small traits map one to the other, so that the
//! request enum, the client's calls and the server's dispatch are all
//! generated from the one list of calls in `api.rs`:
//!
//! - [`Wire`]: the owned type of an argument type, named through a function
//!   pointer (`fn(&str)`) so that a borrowed type needs no lifetime where
//!   the request enum is declared;
//! - [`Own`]: a borrowed argument made owned, on the client's side;
//! - [`Lend`]: an owned argument lent back as the service's argument type,
//!   on the server's side.

use crate::domain::case_edit::CaseFields;
use crate::domain::{
    CaseNo, CaseSource, DefectNo, ResultStatus, RunNo, RunState, Step, StepResult, Time, TrackerApi,
    admin::MilestoneEdit, defect_report::Observed,
};
use crate::interop::export::ExportFormat;
use crate::service::{
    ConfigTarget, DefectChange, DefectSort, ImportOptions, NewDefect, NewResult, NewRun, NewSchedule, RunEdit,
    statuses::NewStatus,
};
use serde::{Deserialize, Serialize};

/// The owned form of argument type `T`, as `<fn(T) as Wire>::Owned`.
pub trait Wire {
    type Owned;
}

/// A borrowed argument made owned for a request.
pub trait Own {
    type Owned;
    fn own(self) -> Self::Owned;
}

/// An owned argument lent as the service's argument type `B`.
pub trait Lend<'a, B> {
    fn lend(&'a self) -> B;
}

impl<T: ?Sized + ToOwned> Wire for fn(&T) {
    type Owned = T::Owned;
}

impl<T: ?Sized + ToOwned> Own for &T {
    type Owned = T::Owned;
    fn own(self) -> T::Owned {
        self.to_owned()
    }
}

impl<'a, T> Lend<'a, &'a T> for T {
    fn lend(&'a self) -> &'a T {
        self
    }
}

impl<'a> Lend<'a, &'a str> for String {
    fn lend(&'a self) -> &'a str {
        self
    }
}

impl<'a, T> Lend<'a, &'a [T]> for Vec<T> {
    fn lend(&'a self) -> &'a [T] {
        self
    }
}

impl Wire for fn(Option<&str>) {
    type Owned = Option<String>;
}

impl Own for Option<&str> {
    type Owned = Option<String>;
    fn own(self) -> Option<String> {
        self.map(str::to_string)
    }
}

impl<'a> Lend<'a, Option<&'a str>> for Option<String> {
    fn lend(&'a self) -> Option<&'a str> {
        self.as_deref()
    }
}

/// Arguments passed by value: owned already.
macro_rules! by_value {
    ($($t:ty),* $(,)?) => {$(
        impl Wire for fn($t) {
            type Owned = $t;
        }
        impl Own for $t {
            type Owned = $t;
            fn own(self) -> $t {
                self
            }
        }
        impl<'a> Lend<'a, $t> for $t {
            fn lend(&'a self) -> $t {
                self.clone()
            }
        }
    )*};
}

by_value!(
    u32,
    u64,
    usize,
    bool,
    Option<usize>,
    Option<u64>,
    Option<String>,
    RunNo,
    DefectNo,
    CaseNo,
    Time,
    MilestoneEdit,
    CaseFields,
    Step,
    DefectChange,
    NewDefect,
    ExportFormat,
    ImportOptions,
    NewResult,
    CaseSource,
    DefectSort,
    ResultStatus,
    RunEdit,
    NewRun,
    RunState,
    NewSchedule,
    NewStatus,
    TrackerApi,
);

/// A configuration group or value, owned.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ConfigTargetBuf {
    group: String,
    value: Option<String>,
}

impl Wire for fn(ConfigTarget) {
    type Owned = ConfigTargetBuf;
}

impl Own for ConfigTarget<'_> {
    type Owned = ConfigTargetBuf;
    fn own(self) -> ConfigTargetBuf {
        ConfigTargetBuf {
            group: self.group.to_string(),
            value: self.value.map(str::to_string),
        }
    }
}

impl<'a> Lend<'a, ConfigTarget<'a>> for ConfigTargetBuf {
    fn lend(&'a self) -> ConfigTarget<'a> {
        ConfigTarget {
            group: &self.group,
            value: self.value.as_deref(),
        }
    }
}

/// What a tester recorded on a test, owned.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ObservedBuf {
    status: ResultStatus,
    steps: Vec<StepResult>,
    comment: String,
}

impl Wire for fn(Option<Observed>) {
    type Owned = Option<ObservedBuf>;
}

impl Own for Option<Observed<'_>> {
    type Owned = Option<ObservedBuf>;
    fn own(self) -> Option<ObservedBuf> {
        self.map(|o| ObservedBuf {
            status: o.status,
            steps: o.steps.to_vec(),
            comment: o.comment.to_string(),
        })
    }
}

impl<'a> Lend<'a, Option<Observed<'a>>> for Option<ObservedBuf> {
    fn lend(&'a self) -> Option<Observed<'a>> {
        self.as_ref().map(|o| Observed {
            status: o.status,
            steps: &o.steps,
            comment: &o.comment,
        })
    }
}
