//! What the settings tab's keys do: moving, the sections, and the changes,
//! each one service call; the tab then re-reads the project.

use super::prompt::{self, Prompt, Purpose};
use super::rows::{self, Item, Section};
use super::{Dialog, FieldKind, Settings};
use crate::domain::ProjectCode;
use crate::service::{ConfigTarget, Service, ServiceError};
use crate::tui::action::Action;
use crate::tui::screen::{Ctx, Transition, move_cursor};
use crate::tui::widgets::confirm::Confirm;
use crate::tui::widgets::menu::Menu;

impl Settings {
    pub(super) fn list_action(&mut self, cx: &mut Ctx, action: Action) -> Transition {
        let item = self.selected().map(|r| r.item.clone());
        match action {
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
                let len = self.rows.len();
                if !move_cursor(self.cursor_mut(), action, len) {
                    return Transition::Idle;
                }
            }
            Action::NextTab | Action::PrevTab => {
                let n = Section::ALL.len();
                let step = if action == Action::NextTab { 1 } else { n - 1 };
                self.show(Section::ALL[(self.index() + step) % n]);
            }
            Action::Open => match item {
                Some(Item::Setting(name)) => {
                    let value = self.project.settings.entries().into_iter().find(|e| e.name == name);
                    let next = rows::next_value(name, &value.map(|e| e.value).unwrap_or_default());
                    let changes = [(name.to_string(), next.clone())];
                    self.change(cx, |svc, code| {
                        svc.set_settings(code, &changes)?;
                        Ok(format!("{name} is now {next}"))
                    });
                }
                Some(Item::Project(code)) if &code != cx.project => return Transition::Project(code),
                Some(Item::Project(code)) => cx.notices.info(format!("{code} is the open project")),
                _ => return Transition::Unhandled,
            },
            Action::Add => self.ask_add(),
            Action::Rename => self.ask_rename(cx, item),
            Action::Edit => match item {
                Some(Item::Milestone(name)) => {
                    let due = self.project.milestones.iter().find(|m| m.name == name);
                    let due = due.and_then(|m| m.due.clone()).unwrap_or_default();
                    self.dialog = Some(Dialog::Prompt(Prompt::new(Purpose::Due(name), due)));
                }
                _ => cx.notices.info("e sets a milestone's due date: choose a milestone"),
            },
            Action::Retire => match item {
                Some(item) => self.retire(cx, item),
                None => return Transition::Idle,
            },
            Action::Delete => match item {
                Some(item) => self.ask_remove(cx, item),
                None => return Transition::Idle,
            },
            Action::MoveUp | Action::MoveDown => match item {
                Some(item) => self.shift(cx, item, action == Action::MoveUp),
                None => return Transition::Idle,
            },
            _ => return Transition::Unhandled,
        }
        Transition::Stay
    }

    /// One change through the service; a success re-reads the project and
    /// says what changed, a refusal says why.
    fn change(&mut self, cx: &mut Ctx, f: impl FnOnce(&Service, &ProjectCode) -> Result<String, ServiceError>) {
        match f(cx.svc, cx.project) {
            Ok(text) => {
                cx.notices.info(text);
                if let Err(e) = self.reload(cx.svc, cx.project) {
                    cx.fail(e);
                }
            }
            Err(e) => cx.fail(e),
        }
    }

    fn ask_add(&mut self) {
        let purpose = match self.section {
            Section::Settings => return,
            Section::Environments => Purpose::AddEnvironment,
            Section::Milestones => Purpose::AddMilestone,
            Section::Configs => Purpose::AddConfig,
            Section::Team => Purpose::AddMember,
            Section::Statuses => Purpose::AddStatus,
            Section::Projects => Purpose::NewProject,
            Section::Fields => {
                let items = vec![
                    ("A custom defect field".to_string(), FieldKind::Field),
                    ("A tracker (TRACKER:KEY links)".to_string(), FieldKind::Tracker),
                ];
                self.dialog = Some(Dialog::Menu(Menu::new("Add", items)));
                return;
            }
        };
        // Values go to the group under the cursor unless another is typed.
        let initial = match self.selected().map(|r| &r.item) {
            Some(Item::Group(g) | Item::Value { group: g, .. }) if purpose == Purpose::AddConfig => g.clone(),
            _ => String::new(),
        };
        self.dialog = Some(Dialog::Prompt(Prompt::new(purpose, initial)));
    }

    fn ask_rename(&mut self, cx: &mut Ctx, item: Option<Item>) {
        let initial = match &item {
            Some(Item::Environment(n) | Item::Milestone(n) | Item::Group(n)) => n.clone(),
            Some(Item::Value { value, .. }) => value.clone(),
            Some(Item::Member(u)) => self.project.display_name(u).unwrap_or("").to_string(),
            Some(Item::Project(code)) => {
                let p = self.projects.iter().find(|p| &p.code == code);
                p.map(|p| p.title.clone()).unwrap_or_default()
            }
            _ => {
                cx.notices.info("nothing to rename here");
                return;
            }
        };
        if let Some(item) = item {
            self.dialog = Some(Dialog::Prompt(Prompt::new(Purpose::Rename(item), initial)));
        }
    }

    fn retire(&mut self, cx: &mut Ctx, item: Item) {
        let project = self.project.clone();
        self.change(cx, |svc, code| match item {
            Item::Environment(name) => {
                let retired = project.environments.iter().any(|e| e.name == name && e.retired);
                svc.set_environment_retired(code, &name, !retired)?;
                Ok(format!(
                    "Environment '{name}' {}",
                    if retired { "restored" } else { "retired" }
                ))
            }
            Item::Milestone(name) => {
                let done = project.milestones.iter().any(|m| m.name == name && m.completed);
                svc.set_milestone_completed(code, &name, !done)?;
                Ok(format!(
                    "Milestone '{name}' {}",
                    if done { "reopened" } else { "completed" }
                ))
            }
            Item::Group(group) => {
                let retired = project.config_groups.iter().any(|g| g.name == group && g.retired);
                svc.set_config_retired(
                    code,
                    ConfigTarget {
                        group: &group,
                        value: None,
                    },
                    !retired,
                )?;
                Ok(format!("{group} {}", if retired { "restored" } else { "retired" }))
            }
            Item::Value { group, value } => {
                let g = project.config_groups.iter().find(|g| g.name == group);
                let retired = g.is_some_and(|g| g.retired_values.contains(&value));
                let t = ConfigTarget {
                    group: &group,
                    value: Some(&value),
                };
                svc.set_config_retired(code, t, !retired)?;
                Ok(format!(
                    "{group}: {value} {}",
                    if retired { "restored" } else { "retired" }
                ))
            }
            Item::Status(slug) => {
                let hidden = project.custom_statuses.iter().any(|c| c.slug == slug && c.hidden);
                let s = svc.set_status_hidden(code, &slug, !hidden)?;
                Ok(format!(
                    "Status '{}' {}",
                    s.name,
                    if hidden { "shown" } else { "hidden" }
                ))
            }
            _ => Err(ServiceError::Invalid(
                "x retires environments and configurations, closes milestones and hides statuses".into(),
            )),
        });
    }

    fn ask_remove(&mut self, cx: &mut Ctx, item: Item) {
        let (question, detail) = match &item {
            Item::Setting(_) => {
                cx.notices.info("settings cannot be removed: Enter changes them");
                return;
            }
            Item::Status(_) => {
                cx.notices
                    .info("statuses are never removed (old results keep them): x hides it");
                return;
            }
            Item::Project(code) if code == cx.project => {
                cx.notices
                    .error(format!("{code} is open: switch to another project before deleting it"));
                return;
            }
            Item::Project(code) => match cx.svc.project_contents(code) {
                Ok(contents) => (
                    format!("Delete project {code}?"),
                    vec![
                        format!("It holds {}.", contents.describe()),
                        "All of it goes, in one step.".to_string(),
                    ],
                ),
                Err(e) => return cx.fail(e),
            },
            Item::Environment(n) => (format!("Remove environment '{n}'?"), Vec::new()),
            Item::Milestone(n) => (format!("Remove milestone '{n}'?"), Vec::new()),
            Item::Group(g) => (format!("Remove configuration group '{g}' and its values?"), Vec::new()),
            Item::Value { group, value } => (format!("Remove {value} from {group}?"), Vec::new()),
            Item::Member(u) => (format!("Remove {u} from the team?"), Vec::new()),
            Item::Field(f) => (format!("Remove defect field '{f}'?"), Vec::new()),
            Item::Tracker(t) => (format!("Remove tracker '{t}'?"), Vec::new()),
        };
        self.dialog = Some(Dialog::Confirm(Confirm::new(item, question).with_detail(detail)));
    }

    fn remove(&mut self, cx: &mut Ctx, item: Item) {
        self.change(cx, |svc, code| {
            Ok(match item {
                Item::Environment(n) => {
                    svc.remove_environment(code, &n)?;
                    format!("Environment '{n}' removed")
                }
                Item::Milestone(n) => {
                    svc.remove_milestone(code, &n)?;
                    format!("Milestone '{n}' removed")
                }
                Item::Group(group) => {
                    svc.remove_config(
                        code,
                        ConfigTarget {
                            group: &group,
                            value: None,
                        },
                    )?;
                    format!("Configuration group '{group}' removed")
                }
                Item::Value { group, value } => {
                    let t = ConfigTarget {
                        group: &group,
                        value: Some(&value),
                    };
                    svc.remove_config(code, t)?;
                    format!("{value} removed from {group}")
                }
                Item::Member(u) => {
                    svc.remove_member(code, &u)?;
                    format!("{u} left the team")
                }
                Item::Field(f) => {
                    svc.remove_defect_field(code, &f)?;
                    format!("Defect field '{f}' removed")
                }
                Item::Tracker(t) => {
                    svc.remove_tracker(code, &t)?;
                    format!("Tracker '{t}' removed")
                }
                Item::Project(p) => {
                    let gone = svc.delete_project(&p)?;
                    format!("Project {p} deleted with {}", gone.describe())
                }
                Item::Setting(_) | Item::Status(_) => String::new(),
            })
        });
    }

    /// K/J: the row one place up or down its list.
    fn shift(&mut self, cx: &mut Ctx, item: Item, up: bool) {
        let p = &self.project;
        let (list, name): (Vec<&str>, String) = match &item {
            Item::Environment(n) => (p.environments.iter().map(|e| e.name.as_str()).collect(), n.clone()),
            Item::Milestone(n) => (p.milestones.iter().map(|m| m.name.as_str()).collect(), n.clone()),
            Item::Group(g) => (p.config_groups.iter().map(|g| g.name.as_str()).collect(), g.clone()),
            Item::Value { group, value } => {
                let g = p.config_groups.iter().find(|g| &g.name == group);
                (
                    g.map(|g| g.values.iter().map(String::as_str).collect())
                        .unwrap_or_default(),
                    value.clone(),
                )
            }
            Item::Member(u) => (p.team.iter().map(String::as_str).collect(), u.clone()),
            _ => {
                cx.notices
                    .info("K and J reorder environments, milestones, configurations and the team");
                return;
            }
        };
        let Some(at) = list.iter().position(|n| *n == name) else {
            return;
        };
        // 1-based positions, as the service takes them.
        let to = if up { at.max(1) } else { (at + 2).min(list.len()) };
        if to == at + 1 {
            return;
        }
        let step: isize = if up { -1 } else { 1 };
        let moved = match &item {
            Item::Environment(n) => cx.svc.move_environment(cx.project, n, to),
            Item::Milestone(n) => cx.svc.move_milestone(cx.project, n, to),
            Item::Group(g) => cx
                .svc
                .move_config(cx.project, ConfigTarget { group: g, value: None }, to),
            Item::Value { group, value } => {
                let t = ConfigTarget {
                    group,
                    value: Some(value),
                };
                cx.svc.move_config(cx.project, t, to)
            }
            Item::Member(u) => cx.svc.move_member(cx.project, u, to),
            _ => return,
        };
        match moved {
            Ok(_) => {
                if let Err(e) = self.reload(cx.svc, cx.project) {
                    return cx.fail(e);
                }
                // The cursor follows the row (a group moves with its values).
                if let Some(at) = self.rows.iter().position(|r| r.item == item) {
                    let len = self.rows.len();
                    self.cursor_mut().to(at, len);
                } else {
                    let len = self.rows.len();
                    self.cursor_mut().move_by(step, len);
                }
            }
            Err(e) => cx.fail(e),
        }
    }

    pub(super) fn dialog_action(&mut self, cx: &mut Ctx, action: Action) {
        match self.dialog.take() {
            Some(Dialog::Prompt(mut p)) => match action {
                Action::Back => {}
                Action::Open => {
                    if !p.take() {
                        self.dialog = Some(Dialog::Prompt(p));
                        return;
                    }
                    let purpose = p.purpose.clone();
                    self.change(cx, |svc, code| prompt::apply(svc, code, &purpose, &p.answers));
                }
                _ => self.dialog = Some(Dialog::Prompt(p)),
            },
            Some(Dialog::Confirm(c)) => {
                if let Some(item) = c.answer(action) {
                    self.remove(cx, item);
                }
            }
            Some(Dialog::Menu(mut m)) => match action {
                Action::Back => {}
                Action::Open => {
                    let purpose = match m.chosen() {
                        Some(FieldKind::Field) => Purpose::AddField,
                        _ => Purpose::AddTracker,
                    };
                    self.dialog = Some(Dialog::Prompt(Prompt::new(purpose, "")));
                }
                other => {
                    m.navigate(other);
                    self.dialog = Some(Dialog::Menu(m));
                }
            },
            None => {}
        }
    }
}
