//! `stepwise env|milestone|config|team ...`: a project's administration.
//! Every change prints a sentence, or with `--json` the project as
//! `stepwise project show --json` does (`admin_show`).

use super::admin_show::show_project;
use super::{CmdResult, Ctx, Failure, JsonFlag};
use crate::domain::Project;
use crate::domain::admin::MilestoneEdit;
use crate::say;
use crate::service::ConfigTarget;
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum EnvCommand {
    /// Add an environment, e.g. staging.
    Add {
        /// The environment, e.g. staging (any case).
        name: String,
        /// What and where it is, e.g. its URL.
        #[arg(long, default_value = "")]
        description: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Rename an environment (runs made with it keep the old name).
    Rename {
        /// The environment, e.g. staging (any case).
        name: String,
        /// Its new name.
        new: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Retire an environment: hidden from new runs, kept in history.
    Retire {
        /// The environment, e.g. staging (any case).
        name: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Make a retired environment available to new runs again.
    Restore {
        /// The environment, e.g. staging (any case).
        name: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Move an environment to a position in the list (1 is first).
    Move {
        /// The environment, e.g. staging (any case).
        name: String,
        /// The new position, 1 for the first.
        #[arg(long, value_name = "N")]
        to: usize,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Remove an environment no run or schedule uses (else retire it).
    Remove {
        /// The environment, e.g. staging (any case).
        name: String,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Subcommand, Debug)]
pub enum MilestoneCommand {
    /// Add a milestone, e.g. "Release 2.6" --due 2027-03-01.
    Add {
        /// The milestone's title, e.g. "Release 2.6".
        title: String,
        /// The due date, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// What the milestone brings.
        #[arg(long, default_value = "")]
        description: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Change a milestone's title, due date or description.
    Edit {
        /// The milestone, by title (any case).
        name: String,
        /// A new title (runs and defects keep the old one).
        #[arg(long)]
        title: Option<String>,
        /// The due date, YYYY-MM-DD.
        #[arg(long, value_name = "DATE", conflicts_with = "no_due")]
        due: Option<String>,
        /// Clear the due date.
        #[arg(long)]
        no_due: bool,
        /// A new description.
        #[arg(long)]
        description: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Complete a milestone: hidden from new runs, kept in history.
    Close {
        /// The milestone, by title (any case).
        name: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Open a completed milestone again.
    Reopen {
        /// The milestone, by title (any case).
        name: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Move a milestone to a position in the list (1 is first).
    Move {
        /// The milestone, by title (any case).
        name: String,
        /// The new position, 1 for the first.
        #[arg(long, value_name = "N")]
        to: usize,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Remove a milestone no run, defect, case or schedule uses (else close it).
    Remove {
        /// The milestone, by title (any case).
        name: String,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Subcommand, Debug)]
pub enum ConfigCommand {
    /// Add values to a configuration group, creating the group when new:
    /// config add Browser Chrome Firefox.
    Add {
        /// The configuration group, e.g. Browser (any case).
        group: String,
        /// Values to add, e.g. Chrome Firefox.
        values: Vec<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Rename a group (GROUP NEW) or one of its values (GROUP VALUE NEW).
    Rename {
        /// The configuration group, e.g. Browser (any case).
        group: String,
        /// VALUE NEW, or only NEW to rename the group.
        #[arg(num_args = 1..=2, required = true, value_name = "[VALUE] NEW")]
        names: Vec<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Retire a group, or one value: hidden from new runs, kept in history.
    Retire(ConfigArgs),
    /// Make a retired group or value available to new runs again.
    Restore(ConfigArgs),
    /// Move a group, or a value within its group, to a position (1 is first).
    Move {
        /// The configuration group, e.g. Browser (any case).
        group: String,
        /// One value of the group (default: the whole group).
        value: Option<String>,
        /// The new position, 1 for the first.
        #[arg(long, value_name = "N")]
        to: usize,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Remove a group, or one value, that no run or schedule uses (else retire it).
    Remove(ConfigArgs),
}

#[derive(clap::Args, Debug)]
pub struct ConfigArgs {
    /// The configuration group, e.g. Browser.
    group: String,
    /// One value of the group (default: the whole group).
    value: Option<String>,
    #[command(flatten)]
    json: JsonFlag,
}

impl ConfigArgs {
    fn target(&self) -> ConfigTarget<'_> {
        ConfigTarget {
            group: &self.group,
            value: self.value.as_deref(),
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum TeamCommand {
    /// Add a team member by user name (as they log in), with a display name.
    Add {
        /// The user name, as they log in, e.g. ann.
        user: String,
        /// The display name, e.g. "Ann Lee".
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Set a member's display name.
    Rename {
        /// The user name, as they log in, e.g. ann.
        user: String,
        /// The display name, e.g. "Ann Lee".
        name: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Move a member to a position in the list (1 is first).
    Move {
        /// The user name, as they log in, e.g. ann.
        user: String,
        /// The new position, 1 for the first.
        #[arg(long, value_name = "N")]
        to: usize,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Remove a member who has no test of an active run, open defect or
    /// schedule assigned (results keep their name).
    Remove {
        /// The user name, as they log in, e.g. ann.
        user: String,
        #[command(flatten)]
        json: JsonFlag,
    },
}

/// Prints what changed: the sentence, or the project as JSON.
fn done(project: &Project, json: JsonFlag, sentence: String) -> CmdResult {
    if json.json {
        show_project(project, true);
    } else {
        say!("{sentence}");
    }
    Ok(())
}

pub fn env(ctx: &mut Ctx, cmd: EnvCommand) -> CmdResult {
    let code = ctx.project()?;
    let svc = &ctx.svc;
    match cmd {
        EnvCommand::Add {
            name,
            description,
            json,
        } => {
            let p = svc.add_environment(&code, &name, &description)?;
            done(&p, json, format!("Added environment {}.", name.trim()))
        }
        EnvCommand::Rename { name, new, json } => {
            let p = svc.rename_environment(&code, &name, &new)?;
            done(
                &p,
                json,
                format!(
                    "Renamed environment {name} to {}; runs keep the name they were made with.",
                    new.trim()
                ),
            )
        }
        EnvCommand::Retire { name, json } => {
            let p = svc.set_environment_retired(&code, &name, true)?;
            done(
                &p,
                json,
                format!("Retired environment {name}: new runs cannot pick it; runs made with it keep it."),
            )
        }
        EnvCommand::Restore { name, json } => {
            let p = svc.set_environment_retired(&code, &name, false)?;
            done(&p, json, format!("Environment {name} is available to new runs again."))
        }
        EnvCommand::Move { name, to, json } => {
            let p = svc.move_environment(&code, &name, to)?;
            done(&p, json, format!("Moved environment {name} to position {to}."))
        }
        EnvCommand::Remove { name, json } => {
            let p = svc.remove_environment(&code, &name)?;
            done(&p, json, format!("Removed environment {name}."))
        }
    }
}

pub fn milestone(ctx: &mut Ctx, cmd: MilestoneCommand) -> CmdResult {
    let code = ctx.project()?;
    let svc = &ctx.svc;
    match cmd {
        MilestoneCommand::Add {
            title,
            due,
            description,
            json,
        } => {
            let p = svc.add_milestone(&code, &title, due.as_deref(), &description)?;
            let due = due.map(|d| format!(", due {}", d.trim())).unwrap_or_default();
            done(&p, json, format!("Added milestone {}{due}.", title.trim()))
        }
        MilestoneCommand::Edit {
            name,
            title,
            due,
            no_due,
            description,
            json,
        } => {
            let edit = MilestoneEdit {
                title,
                due: if no_due { Some(None) } else { due.map(Some) },
                description,
            };
            let p = svc.edit_milestone(&code, &name, edit)?;
            done(
                &p,
                json,
                format!("Changed milestone {name}; runs and defects keep the title they were made with."),
            )
        }
        MilestoneCommand::Close { name, json } => {
            let p = svc.set_milestone_completed(&code, &name, true)?;
            done(
                &p,
                json,
                format!("Completed milestone {name}: new runs cannot pick it; its runs and defects keep it."),
            )
        }
        MilestoneCommand::Reopen { name, json } => {
            let p = svc.set_milestone_completed(&code, &name, false)?;
            done(&p, json, format!("Milestone {name} is open again."))
        }
        MilestoneCommand::Move { name, to, json } => {
            let p = svc.move_milestone(&code, &name, to)?;
            done(&p, json, format!("Moved milestone {name} to position {to}."))
        }
        MilestoneCommand::Remove { name, json } => {
            let p = svc.remove_milestone(&code, &name)?;
            done(&p, json, format!("Removed milestone {name}."))
        }
    }
}

/// `Browser` or `Browser: Chrome`, for sentences.
fn config_label(t: ConfigTarget) -> String {
    match t.value {
        Some(v) => format!("configuration {}: {v}", t.group),
        None => format!("configuration group {}", t.group),
    }
}

pub fn config(ctx: &mut Ctx, cmd: ConfigCommand) -> CmdResult {
    let code = ctx.project()?;
    let svc = &ctx.svc;
    match cmd {
        ConfigCommand::Add { group, values, json } => {
            let p = svc.add_config(&code, &group, &values)?;
            let listed: Vec<&str> = values.iter().map(|v| v.trim()).collect();
            done(
                &p,
                json,
                format!("Added to configuration group {}: {}.", group.trim(), listed.join(", ")),
            )
        }
        ConfigCommand::Rename { group, names, json } => {
            let (value, new) = match names.as_slice() {
                [new] => (None, new.as_str()),
                [value, new] => (Some(value.as_str()), new.as_str()),
                _ => {
                    return Err(Failure {
                        code: 2,
                        message: "config rename takes GROUP NEW, or GROUP VALUE NEW".into(),
                    });
                }
            };
            let t = ConfigTarget { group: &group, value };
            let p = svc.rename_config(&code, t, new)?;
            done(
                &p,
                json,
                format!(
                    "Renamed {} to {}; runs keep the names they were made with.",
                    config_label(t),
                    new.trim()
                ),
            )
        }
        ConfigCommand::Retire(a) => {
            let t = a.target();
            let p = svc.set_config_retired(&code, t, true)?;
            done(
                &p,
                a.json,
                format!("Retired {}: new runs cannot pick it; runs keep it.", config_label(t)),
            )
        }
        ConfigCommand::Restore(a) => {
            let t = a.target();
            let p = svc.set_config_retired(&code, t, false)?;
            done(
                &p,
                a.json,
                format!("{} is available to new runs again.", config_label(t)),
            )
        }
        ConfigCommand::Move { group, value, to, json } => {
            let t = ConfigTarget {
                group: &group,
                value: value.as_deref(),
            };
            let p = svc.move_config(&code, t, to)?;
            done(&p, json, format!("Moved {} to position {to}.", config_label(t)))
        }
        ConfigCommand::Remove(a) => {
            let t = a.target();
            let p = svc.remove_config(&code, t)?;
            done(&p, a.json, format!("Removed {}.", config_label(t)))
        }
    }
}

pub fn team(ctx: &mut Ctx, cmd: TeamCommand) -> CmdResult {
    let code = ctx.project()?;
    let svc = &ctx.svc;
    match cmd {
        TeamCommand::Add { user, name, json } => {
            let p = svc.add_member(&code, &user, name.as_deref())?;
            done(&p, json, format!("Added {} to the team.", user.trim()))
        }
        TeamCommand::Rename { user, name, json } => {
            let p = svc.set_member_name(&code, &user, Some(&name))?;
            done(&p, json, format!("{user} is shown as {}.", name.trim()))
        }
        TeamCommand::Move { user, to, json } => {
            let p = svc.move_member(&code, &user, to)?;
            done(&p, json, format!("Moved {user} to position {to}."))
        }
        TeamCommand::Remove { user, json } => {
            let p = svc.remove_member(&code, &user)?;
            done(
                &p,
                json,
                format!("Removed {user} from the team; results keep their name."),
            )
        }
    }
}
