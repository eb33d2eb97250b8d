use super::{CmdResult, Ctx, Failure, print_json, table};

pub fn settings(ctx: &mut Ctx, set: &[String], as_json: bool) -> CmdResult {
    let code = ctx.project()?;
    let settings = if set.is_empty() {
        ctx.svc.settings(&code)?
    } else {
        let mut changes = Vec::new();
        for s in set {
            let (name, value) = s.split_once('=').ok_or_else(|| Failure {
                code: 2,
                message: format!("--set takes NAME=VALUE, e.g. fast_pass=false (got '{s}')"),
            })?;
            changes.push((name.trim().to_string(), value.trim().to_string()));
        }
        ctx.svc.set_settings(&code, &changes)?
    };
    let entries = settings.entries();
    if as_json {
        let mut m = serde_json::Map::new();
        for e in &entries {
            let v = match e.value.as_str() {
                "true" => serde_json::Value::Bool(true),
                "false" => serde_json::Value::Bool(false),
                other => serde_json::Value::String(other.into()),
            };
            m.insert(e.name.into(), v);
        }
        print_json(&serde_json::Value::Object(m));
    } else {
        let rows: Vec<Vec<String>> = entries
            .iter()
            .map(|e| vec![e.name.to_string(), e.value.clone(), e.description.to_string()])
            .collect();
        table::print(&["SETTING", "VALUE", "MEANING"], &rows);
    }
    Ok(())
}
