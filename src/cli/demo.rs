use super::{CmdResult, Ctx};
use crate::say;

pub fn demo(ctx: &mut Ctx, cases: Option<usize>) -> CmdResult {
    let now = chrono::Utc::now();
    let demo = crate::service::demo::DEMO_CODE;
    let exists = ctx.svc.projects()?.iter().any(|p| p.code.as_str() == demo);
    if exists && cases.is_none() {
        return Err(ctx.svc.write_demo(now).err().map(Into::into).unwrap_or(super::Failure {
            code: 2,
            message: "project DEMO already exists".into(),
        }));
    }
    if !exists {
        let code = ctx.svc.write_demo(now)?;
        say!("Wrote project {code}: the demo web shop, with a completed run and a run in progress.");
    }
    if let Some(n) = cases {
        let started = std::time::Instant::now();
        let code = ctx.svc.write_synthetic(n, now)?;
        say!(
            "Wrote project {code}: {n} synthetic cases and a run over them, in {:.1} s.",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}
