//! Which command runs what: the dispatch from the parsed command line to
//! each command group's file.

use super::*;

/// Commands that need no store.
pub fn run_static(cmd: &Command) -> Option<CmdResult> {
    match cmd {
        Command::Completions { shell } => {
            clap_complete::generate(*shell, &mut Cli::command(), "stepwise", &mut std::io::stdout());
            Some(Ok(()))
        }
        Command::Man => Some(
            clap_mangen::Man::new(Cli::command())
                .render(&mut std::io::stdout())
                .map_err(|e| Failure {
                    code: 1,
                    message: format!("cannot write the man page: {e}"),
                }),
        ),
        _ => None,
    }
}

/// Runs one store command. `Open` is the TUI's and not handled here.
pub fn run(ctx: &mut Ctx, cmd: Command) -> CmdResult {
    match cmd {
        Command::Demo { cases } => demo::demo(ctx, cases),
        Command::Projects(j) => projects::list(ctx, j.json),
        Command::Project(ProjectCommand::New { code, title, json }) => projects::create(ctx, &code, &title, json.json),
        Command::Project(ProjectCommand::Show { json }) => admin_show::show(ctx, json.json),
        Command::Project(ProjectCommand::Rename { title, json }) => projects::rename(ctx, &title, json.json),
        Command::Project(ProjectCommand::Delete { code, yes, json }) => projects::delete(ctx, &code, yes, json.json),
        Command::Env(cmd) => admin::env(ctx, cmd),
        Command::Milestone(cmd) => admin::milestone(ctx, cmd),
        Command::Config(cmd) => admin::config(ctx, cmd),
        Command::Team(cmd) => admin::team(ctx, cmd),
        Command::Cases(args) => cases::list(ctx, args),
        Command::Import(args) => import::import(ctx, args),
        Command::Plans(j) => plans::list(ctx, j.json),
        Command::Plan(plans::PlanCommand::New(args)) => plans::new_plan(ctx, args),
        Command::Plan(plans::PlanCommand::Show { name, json }) => plans::show(ctx, &name, json.json),
        Command::Plan(plans::PlanCommand::Rename { old, new }) => plans::rename(ctx, &old, &new),
        Command::Plan(plans::PlanCommand::Delete { name }) => plans::delete(ctx, &name),
        Command::Queries(j) => plans::queries(ctx, j.json),
        Command::Query(plans::QueryCommand::Save { name, query, json }) => {
            plans::save_query(ctx, &name, &query, json.json)
        }
        Command::Query(plans::QueryCommand::Delete { name }) => plans::delete_query(ctx, &name),
        Command::Schedules(j) => schedules::list(ctx, j.json),
        Command::Schedule { cmd: None, json } => schedules::run_due(ctx, json.json),
        Command::Schedule {
            cmd: Some(schedules::ScheduleCommand::Add(args)),
            ..
        } => schedules::add(ctx, args),
        Command::Schedule {
            cmd: Some(schedules::ScheduleCommand::Delete { name }),
            ..
        } => schedules::delete(ctx, &name),
        Command::Runs(j) => runs::list(ctx, j.json),
        Command::Run(RunCommand::Show { run, json }) => runs::show(ctx, &run, json.json),
        Command::Run(RunCommand::Delete { run }) => runs::delete(ctx, &run),
        Command::Run(RunCommand::New(args)) => runs::create(ctx, args),
        Command::Run(RunCommand::Complete { run, json }) => {
            runs::end(ctx, &run, crate::domain::RunState::Completed, json.json)
        }
        Command::Run(RunCommand::Abort { run, json }) => {
            runs::end(ctx, &run, crate::domain::RunState::Aborted, json.json)
        }
        Command::Run(RunCommand::Clone { run, status, json }) => runs::clone(ctx, &run, &status, json.json),
        Command::Settings { set, json } => settings::settings(ctx, &set, json.json),
        Command::Result(args) => result::record(ctx, args),
        Command::Defects(args) => defects::list(ctx, args),
        Command::Defect(DefectCommand::New(args)) => defects::create(ctx, args),
        Command::Defect(DefectCommand::Show { id, json }) => defects::show(ctx, &id, json.json),
        Command::Defect(DefectCommand::Set(args)) => defects::set(ctx, args),
        Command::Defect(DefectCommand::Export { format, output }) => defects::export(ctx, &format, output),
        Command::Defect(DefectCommand::Retest { id }) => defects::retest(ctx, &id),
        Command::Readiness { milestone, json } => defects::readiness(ctx, milestone.as_deref(), json.json),
        Command::Export(args) => export::export(ctx, args),
        Command::Trackers { action: None, json } => trackers::list(ctx, json.json),
        Command::Trackers {
            action: Some(tracker_calls::TrackersAction::Sync { json }),
            json: outer,
        } => tracker_calls::sync(ctx, json.json || outer.json),
        Command::Tracker(trackers::TrackerCommand::Add(args)) => trackers::add(ctx, args),
        Command::Defect(DefectCommand::Push(args)) => tracker_calls::push(ctx, args),
        Command::Defect(DefectCommand::Link(args)) => tracker_calls::link(ctx, args),
        Command::Tracker(trackers::TrackerCommand::Remove { name }) => trackers::remove(ctx, &name),
        Command::DefectField(DefectFieldCommand::Add { name }) => trackers::add_field(ctx, &name),
        Command::Statuses(j) => statuses::list(ctx, j.json),
        Command::Status(StatusCommand::Add {
            name,
            key,
            colour,
            negative,
        }) => statuses::add(ctx, &name, &key, &colour, negative),
        Command::Status(StatusCommand::Hide { name }) => statuses::hide(ctx, &name, true),
        Command::Status(StatusCommand::Show { name }) => statuses::hide(ctx, &name, false),
        Command::Open { .. }
        | Command::Completions { .. }
        | Command::Man
        | Command::Store(_)
        | Command::Serve(_)
        | Command::Server(_) => Ok(()),
    }
}
