//! A service error as it crosses the socket, and back: the client gets the
//! same kind of error (and so the same exit status and the same hints) as
//! it would have from the service in its own process.

use crate::domain::{DomainError, query::QueryError};
use crate::service::ServiceError;
use crate::store::StoreError;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum WireError {
    /// The store's error, as its message (it names the store's path).
    Store(String),
    /// A domain rule's refusal: its message, and the assignee of a test
    /// locked to them (the screens offer to take it).
    Domain {
        message: String,
        locked_by: Option<String>,
    },
    NotFound(String),
    Invalid(String),
    Failed(String),
    Query(QueryError),
}

impl From<&ServiceError> for WireError {
    fn from(e: &ServiceError) -> Self {
        match e {
            ServiceError::Store(s) => WireError::Store(s.to_string()),
            ServiceError::Domain(d) => WireError::Domain {
                message: d.to_string(),
                locked_by: match d {
                    DomainError::LockedByAssignee { assignee } => Some(assignee.clone()),
                    _ => None,
                },
            },
            ServiceError::NotFound(m) => WireError::NotFound(m.clone()),
            ServiceError::Invalid(m) => WireError::Invalid(m.clone()),
            ServiceError::Failed(m) => WireError::Failed(m.clone()),
            ServiceError::Query(q) => WireError::Query(q.clone()),
        }
    }
}

impl From<ServiceError> for WireError {
    fn from(e: ServiceError) -> Self {
        WireError::from(&e)
    }
}

// A service error inside a call's result (a scheduled run that could not
// be created) crosses the socket as a wire error too.
impl Serialize for ServiceError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        WireError::from(self).serialize(s)
    }
}

impl<'de> Deserialize<'de> for ServiceError {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        WireError::deserialize(d).map(Into::into)
    }
}

impl From<WireError> for ServiceError {
    fn from(e: WireError) -> Self {
        match e {
            WireError::Store(message) => ServiceError::Store(StoreError::Reported(message)),
            WireError::Domain {
                locked_by: Some(assignee),
                ..
            } => ServiceError::Domain(DomainError::LockedByAssignee { assignee }),
            WireError::Domain { message, .. } => ServiceError::Domain(DomainError::Invalid(message)),
            WireError::NotFound(m) => ServiceError::NotFound(m),
            WireError::Invalid(m) => ServiceError::Invalid(m),
            WireError::Failed(m) => ServiceError::Failed(m),
            WireError::Query(q) => ServiceError::Query(q),
        }
    }
}
