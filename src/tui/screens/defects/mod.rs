//! The defects tab (and a run's defects): a filtered, sorted list with the
//! milestone's readiness; a defect's detail with its links and history;
//! changes through dialogs. Every change goes through `service` and the
//! screen reloads from the store once it returned.

mod actions;
mod detail_view;
mod dialog_view;
pub mod dialogs;
mod external;
mod form;
mod input;
mod list_view;
mod screen;
pub mod state;

use self::dialogs::DefectDialog;
use self::state::{Detail, Filters};
use crate::domain::{Defect, DefectNo, Project, ProjectCode, RunNo};
use crate::service::{DefectFilter, DefectSort, Readiness, Service, ServiceError};
use crate::tui::action::Action;
use crate::tui::keymap::Scope;
use crate::tui::screen::{Clock, Ctx, Outcome, Transition, move_cursor};
use crate::tui::screens::wizard::Wizard;
use crate::tui::theme::Theme;
use crate::tui::widgets::cursor::Cursor;
use crate::tui::widgets::field::Field;
use ratatui::Frame;
use ratatui::layout::Rect;

/// Defect `no` in full.
pub(super) fn load_detail(svc: &Service, code: &ProjectCode, no: u64) -> Result<Detail, ServiceError> {
    let view = svc.defect_view(code, DefectNo(no))?;
    Ok(Detail::new(view))
}

/// The run a run-scoped view is limited to.
#[derive(Clone, Debug)]
pub struct RunScope {
    pub no: u64,
    pub title: String,
}

pub struct DefectsScreen {
    pub code: ProjectCode,
    pub project: Project,
    /// Set when opened from a run: only the defects of its failures.
    pub run: Option<RunScope>,
    pub filters: Filters,
    pub rows: Vec<Defect>,
    /// Defects before the filters (within the run, if any).
    pub total: usize,
    pub cursor: Cursor,
    /// The readiness of the filtered milestone, or of all of them (or why
    /// it cannot be told).
    pub readiness: Result<Readiness, String>,
    /// Some: one defect is shown in full.
    pub detail: Option<Detail>,
    /// Some while typing a search.
    pub search: Option<Field>,
    pub dialog: Option<DefectDialog>,
    /// Set when the form asks for $EDITOR: the text to edit.
    pub editor_request: Option<String>,
    /// When the open form's text first changed since its draft was written.
    form_unsaved: Option<std::time::Instant>,
    /// The app's clock: the form draft's debounce, a wizard opened here.
    clock: Clock,
}

impl DefectsScreen {
    /// The project's defects, or those linked to run `run`'s failures.
    pub fn load(svc: &Service, code: &ProjectCode, run: Option<RunNo>, clock: &Clock) -> Result<Self, ServiceError> {
        let run = match run {
            Some(no) => Some(RunScope {
                no: no.0,
                title: svc.run(code, no)?.title,
            }),
            None => None,
        };
        let mut s = Self {
            code: code.clone(),
            project: svc.project(code)?,
            run,
            filters: Filters::default(),
            rows: Vec::new(),
            total: 0,
            cursor: Cursor::default(),
            readiness: Err(String::new()),
            detail: None,
            search: None,
            dialog: None,
            editor_request: None,
            form_unsaved: None,
            clock: clock.clone(),
        };
        s.reload(svc)?;
        Ok(s)
    }

    pub fn scope(&self) -> Scope {
        match &self.dialog {
            Some(DefectDialog::Form(_)) => Scope::DefectForm,
            Some(DefectDialog::Line(_) | DefectDialog::Attach { .. }) => Scope::DefectLine,
            Some(DefectDialog::Choice(_) | DefectDialog::Push { .. }) => Scope::DefectChoice,
            None if self.search.is_some() => Scope::DefectSearch,
            None if self.detail.is_some() => Scope::DefectDetail,
            None => Scope::Defects,
        }
    }

    fn run_no(&self) -> Option<u64> {
        self.run.as_ref().map(|r| r.no)
    }

    /// The defect the keys act on: the detail's, or the selected row's.
    pub fn current(&self) -> Option<&Defect> {
        match &self.detail {
            Some(d) => Some(&d.view.defect),
            None => self.rows.get(self.cursor.selected),
        }
    }

    /// Reloads everything shown from the store, keeping the selection.
    pub fn reload(&mut self, svc: &Service) -> Result<(), ServiceError> {
        self.project = svc.project(&self.code)?;
        let selected = self.rows.get(self.cursor.selected).map(|d| d.no);
        let run = self.run_no();
        self.rows = svc.defect_list(&self.code, &self.filters.to_filter(run), self.filters.sort)?;
        self.total = if self.filters.narrows() {
            let all = DefectFilter {
                run,
                ..DefectFilter::default()
            };
            svc.defect_list(&self.code, &all, DefectSort::Id)?.len()
        } else {
            self.rows.len()
        };
        let at = selected
            .and_then(|no| self.rows.iter().position(|d| d.no == no))
            .unwrap_or(self.cursor.selected);
        self.cursor.to(at, self.rows.len());
        self.readiness = svc
            .readiness(&self.code, self.filters.milestone.as_deref())
            .map_err(|e| e.to_string());
        if let Some(d) = &mut self.detail {
            d.view = svc.defect_view(&self.code, DefectNo(d.view.defect.no))?;
            let n = d.items().len();
            d.cursor.to(d.cursor.selected, n);
        }
        Ok(())
    }

    /// Selects defect `no` in the list, if it is there.
    fn select(&mut self, no: u64) -> bool {
        match self.rows.iter().position(|d| d.no == no) {
            Some(at) => {
                self.cursor.to(at, self.rows.len());
                true
            }
            None => false,
        }
    }

    /// Carries out an action. Errors of a dialog stay in the dialog; the
    /// rest are returned for the footer.
    pub(super) fn act_on(&mut self, cx: &mut Ctx, action: Action) -> Result<Transition, ServiceError> {
        let svc = cx.svc;
        if self.dialog.is_some() {
            self.dialog_action(cx, action);
            return Ok(Transition::Stay);
        }
        if self.search.is_some() {
            if action == Action::Back {
                self.end_search(svc)?;
            }
            return Ok(Transition::Stay);
        }
        match action {
            Action::Back => {
                if let Some(d) = self.detail.take() {
                    self.reload(svc)?;
                    self.select(d.view.defect.no);
                } else {
                    return Ok(Transition::Pop(Outcome::Closed));
                }
            }
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
                self.navigate(action)
            }
            Action::Open => return self.open(cx),
            Action::Search if self.detail.is_none() => {
                self.search = Some(Field::new(&self.filters.query, false));
            }
            Action::FilterStatus
            | Action::FilterSeverity
            | Action::FilterAssignee
            | Action::FilterMilestone
            | Action::FilterExternal
            | Action::ClearFilters
            | Action::SortBy
                if self.detail.is_none() =>
            {
                self.filter(svc, action)?
            }
            Action::NewDefect => self.new_defect(cx)?,
            Action::Edit
            | Action::SetStatus
            | Action::SetSeverity
            | Action::Assign
            | Action::Link
            | Action::Unlink
            | Action::CopyUrl
            | Action::OpenUrl
            | Action::Attach
            | Action::Retest => self.change(cx, action)?,
            Action::PushDefect => self.push(cx)?,
            Action::SyncTrackers if self.detail.is_none() => self.sync(cx),
            _ => {}
        }
        Ok(Transition::Stay)
    }

    fn navigate(&mut self, action: Action) {
        let (cursor, len) = match &mut self.detail {
            Some(d) => {
                let page = d.cursor.page();
                match action {
                    Action::PageUp => {
                        d.scroll = d.scroll.saturating_sub(page as u16);
                        d.follow = false;
                        return;
                    }
                    Action::PageDown => {
                        d.scroll = d.scroll.saturating_add(page as u16);
                        d.follow = false;
                        return;
                    }
                    Action::Top => {
                        d.scroll = 0;
                        d.follow = false;
                        return;
                    }
                    Action::Bottom => {
                        d.scroll = u16::MAX;
                        d.follow = false;
                        return;
                    }
                    _ => d.follow = true,
                }
                let n = d.items().len();
                if n == 0 {
                    // Nothing to select: j and k scroll.
                    d.follow = false;
                    d.scroll = match action {
                        Action::Up => d.scroll.saturating_sub(1),
                        _ => d.scroll.saturating_add(1),
                    };
                    return;
                }
                if !d.active {
                    // The first j or k selects the first link.
                    d.active = n > 0;
                    return;
                }
                (&mut d.cursor, n)
            }
            None => (&mut self.cursor, self.rows.len()),
        };
        move_cursor(cursor, action, len);
    }

    /// Enter: the selected defect in full; in the detail, the selected link.
    fn open(&mut self, cx: &mut Ctx) -> Result<Transition, ServiceError> {
        let svc = cx.svc;
        match &self.detail {
            None => {
                if let Some(no) = self.rows.get(self.cursor.selected).map(|d| d.no) {
                    self.refresh_project(svc)?;
                    self.detail = Some(load_detail(svc, &self.code, no)?);
                }
                Ok(Transition::Stay)
            }
            Some(d) => match d.selected() {
                Some(state::Item::Failure(i)) => self.open_failure(cx, i),
                Some(state::Item::External(i)) => {
                    if let Some(url) = d.view.defect.external.get(i).map(|l| l.url.clone()) {
                        self.open_url(cx.notices, &url);
                    }
                    Ok(Transition::Stay)
                }
                None if d.items().is_empty() => {
                    cx.notices.info("This defect has no links to open");
                    Ok(Transition::Stay)
                }
                None => {
                    cx.notices.info("Select a link with j/k first");
                    Ok(Transition::Stay)
                }
            },
        }
    }

    /// The wizard at a linked failure's test, or why it cannot open.
    fn open_failure(&mut self, cx: &mut Ctx, i: usize) -> Result<Transition, ServiceError> {
        let svc = cx.svc;
        let Some(link) = self.detail.as_ref().and_then(|d| d.view.links.get(i)).cloned() else {
            return Ok(Transition::Stay);
        };
        if link.run_title.is_none() {
            cx.notices
                .info(format!("Run #{} was deleted: its test cannot be opened", link.run));
            return Ok(Transition::Stay);
        }
        let tests = svc.tests(&self.code, link.run)?;
        let Some(index) = tests.iter().position(|t| t.id == link.test) else {
            cx.notices.info(format!("Run #{} no longer has that test", link.run));
            return Ok(Transition::Stay);
        };
        let wizard = Wizard::open(svc, &self.code, RunNo(link.run), index, &self.clock)?;
        Ok(Transition::Push(Box::new(wizard)))
    }

    fn end_search(&mut self, svc: &Service) -> Result<(), ServiceError> {
        if let Some(f) = self.search.take() {
            self.filters.query = f.text().trim().to_string();
        }
        self.reload(svc)
    }

    pub fn render(&mut self, theme: &Theme, frame: &mut Frame, area: Rect) {
        match &mut self.detail {
            Some(d) => detail_view::render(d, &self.project, theme, frame, area),
            None => list_view::render(self, theme, frame, area),
        }
        if let Some(dialog) = &mut self.dialog {
            dialog_view::render(dialog, &self.project, theme, frame, area);
        }
    }
}
