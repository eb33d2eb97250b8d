//! `stepwise`: parse the command line, open the store (before the terminal
//! enters raw mode), then run the TUI or one command. Errors become a
//! message on stderr and an exit code: 0 ok, 1 run-time failure, 2 bad
//! usage, bad input or a store that cannot be used.

use clap::Parser;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use stepwise::cli::{self, Cli, Command, Ctx, Failure};
use stepwise::service::Service;
use stepwise::service::remote::Connect;
use stepwise::service::wire::ClientKind;
use stepwise::tui::{self, Start, theme::Theme};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command.as_ref().and_then(cli::run_static) {
        Some(r) => r,
        // Works on a store sled refuses, so it does not open it as usual.
        None => match &cli.command {
            Some(Command::Store(cmd)) => cli::store::run(cmd, &store_dir(&cli), &acting_user(&cli)),
            Some(Command::Serve(args)) => cli::server::serve(args, &store_dir(&cli)),
            Some(Command::Server(cmd)) => cli::server::control(cmd, connect(&cli, ClientKind::Control)),
            _ => run(cli),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            if !f.message.is_empty() {
                // Messages can quote stored text: shown inert, like all output.
                eprintln!("stepwise: {}", stepwise::domain::inert::text(&f.message));
            }
            ExitCode::from(f.code.clamp(0, 255) as u8)
        }
    }
}

fn os_user() -> String {
    ["USER", "LOGNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|u| !u.trim().is_empty())
        .or_else(passwd_name)
        // SAFETY: getuid has no preconditions.
        .unwrap_or_else(|| format!("user{}", unsafe { libc::getuid() }))
}

/// The login name of this process's uid, from the password database.
fn passwd_name() -> Option<String> {
    // SAFETY: getpwuid returns null or a pointer to static storage, read
    // at once on this thread before any other call could reuse it.
    unsafe {
        let pw = libc::getpwuid(libc::getuid());
        if pw.is_null() || (*pw).pw_name.is_null() {
            return None;
        }
        std::ffi::CStr::from_ptr((*pw).pw_name)
            .to_str()
            .ok()
            .map(str::to_string)
    }
}

fn data_dir() -> PathBuf {
    directories::BaseDirs::new().map_or_else(|| PathBuf::from("."), |b| b.data_dir().to_path_buf())
}

fn acting_user(cli: &Cli) -> String {
    cli.user
        .clone()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(os_user)
}

fn store_dir(cli: &Cli) -> PathBuf {
    cli.store
        .clone()
        .unwrap_or_else(|| data_dir().join(if cli.demo { "stepwise-demo" } else { "stepwise" }))
}

/// How this process reaches the store's server.
fn connect(cli: &Cli, kind: ClientKind) -> Connect {
    let what: Vec<String> = std::env::args().skip(1).take(4).collect();
    Connect {
        dir: store_dir(cli),
        declared_user: cli.user.clone().filter(|u| !u.trim().is_empty()),
        own_name: os_user(),
        kind,
        what: if what.is_empty() {
            "stepwise".into()
        } else {
            what.join(" ")
        },
        start: true,
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    let dir = store_dir(&cli);
    let wants_tui = matches!(cli.command, None | Some(Command::Open { .. }));
    if wants_tui && !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return Err(Failure {
            code: 2,
            message: "the TUI needs a terminal; for scripts use a command (stepwise --help)".into(),
        });
    }
    let kind = if wants_tui {
        ClientKind::Tui
    } else {
        ClientKind::Command
    };
    let svc = Service::connect(connect(&cli, kind))?;
    let log = stepwise::server::log::init_with_fallback(&dir, Some(&data_dir()));
    install_panic_report(log);
    let mut ctx = Ctx {
        svc,
        project: cli.project.clone(),
    };
    if cli.demo
        && !ctx
            .svc
            .projects()?
            .iter()
            .any(|p| p.code.as_str() == stepwise::service::demo::DEMO_CODE)
    {
        ctx.svc.write_demo(chrono::Utc::now())?;
    }
    match cli.command {
        None => open_tui(ctx, Start::Home, cli.no_color, cli.demo),
        Some(Command::Open { run }) => {
            let no = stepwise::domain::RunNo::parse(&run)?;
            open_tui(ctx, Start::Run(no), cli.no_color, false)
        }
        Some(cmd) => {
            // Piped into `head`: end quietly like any Unix tool, not with
            // a "broken pipe" panic.
            // SAFETY: restores the default action of one signal.
            unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
            cli::run(&mut ctx, cmd)?;
            #[cfg(feature = "test-hooks")]
            test_hook_kill_after_command();
            Ok(())
        }
    }
}

fn open_tui(ctx: Ctx, start: Start, no_color: bool, demo: bool) -> Result<(), Failure> {
    let named = if demo && ctx.project.is_none() {
        Some(stepwise::service::demo::DEMO_CODE)
    } else {
        ctx.project.as_deref()
    };
    // None: a store with no project yet opens on the first-run screen.
    let project = tui::first_run::project_to_open(&ctx.svc, named, start)?;
    // crossterm 0.29 drops bold and reverse too under NO_COLOR; stepwise
    // implements NO_COLOR itself as a theme of modifiers only.
    crossterm::style::force_color_output(true);
    let scheduled = scheduled_runs(&ctx.svc);
    let mut app = tui::Front::open(ctx.svc, project, start, Theme::detect(no_color))?;
    app.notices().put(scheduled);
    match tui::run(app) {
        Ok(tui::event_loop::Ended::Quit | tui::event_loop::Ended::Lost) => Ok(()),
        Ok(tui::event_loop::Ended::Signal(n)) => Err(Failure {
            code: 128 + n,
            message: String::new(),
        }),
        Err(e) => Err(Failure {
            code: 1,
            message: format!("terminal error: {e}"),
        }),
    }
}

/// Creates the scheduled runs that are due (every project), before the
/// TUI opens; says what it made or what failed, for the footer.
fn scheduled_runs(svc: &Service) -> Option<(String, bool)> {
    let done = match svc.run_all_due_schedules() {
        Ok(done) => done,
        Err(e) => return Some((format!("Scheduled runs: {e}"), true)),
    };
    let mut made = Vec::new();
    let mut failed = None;
    for d in done {
        match d.run {
            Ok(run) => made.push(format!("{} #{}", d.project, run.no)),
            Err(e) => {
                tracing::warn!("schedule '{}' of {}: {e}", d.schedule, d.project);
                failed = Some(format!("Schedule '{}' could not create its run: {e}", d.schedule));
            }
        }
    }
    match (failed, made.is_empty()) {
        (Some(f), _) => Some((f, true)),
        (None, false) => Some((format!("Scheduled runs created: {}", made.join(", ")), false)),
        (None, true) => None,
    }
}

/// For the end-to-end tests of durability only (built with the
/// `test-hooks` feature, never shipped): with
/// STEPWISE_TEST_KILL_AFTER_COMMAND=1 the process kills itself with
/// SIGKILL right after a command returned, before any destructor runs.
#[cfg(feature = "test-hooks")]
fn test_hook_kill_after_command() {
    if std::env::var("STEPWISE_TEST_KILL_AFTER_COMMAND").is_ok_and(|v| v == "1") {
        // SAFETY: sending a signal to this very process.
        unsafe { libc::kill(libc::getpid(), libc::SIGKILL) };
    }
}

/// A panic writes its report to the log and says where, after the
/// terminal was restored (the TUI's hook runs first).
fn install_panic_report(log: PathBuf) {
    std::panic::set_hook(Box::new(move |info| {
        let backtrace = std::backtrace::Backtrace::force_capture();
        tracing::error!("panic: {info}\n{backtrace}");
        eprintln!("stepwise crashed: {info}\nThe report was written to {}", log.display());
    }));
}
