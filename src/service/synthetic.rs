//! A large synthetic project for benchmarks and trying stepwise at scale:
//! `stepwise demo --cases N` writes project LOAD with N cases in nested
//! suites, varied titles and steps, and one active run over every case with
//! about a third of it done. It streams: each commit holds a bounded chunk
//! of cases with their tests, so memory does not grow with N.

use super::{Engine, ServiceError};
use crate::domain::{
    CasePriority, CaseType, ConfigCombo, ConfigGroup, Environment, Project, ProjectCode, ResultStatus, Run, RunState,
    Severity, Step, Suite, Test, TestResult, Time,
};
use crate::store::{Batch, keys};

pub const LOAD_CODE: &str = "LOAD";
/// Records per commit: big enough to be quick, small enough for sled.
const CHUNK: usize = 2_000;

/// A small deterministic generator (xorshift64*): the same project each time.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const AREAS: &[&str] = &[
    "Login",
    "Signup",
    "Search",
    "Cart",
    "Checkout",
    "Payments",
    "Profile",
    "Orders",
    "Invoices",
    "Shipping",
    "Returns",
    "Wishlist",
    "Reviews",
    "Coupons",
    "Inventory",
    "Reports",
    "Notifications",
    "Settings",
    "Admin",
    "API",
];
const VERBS: &[&str] = &[
    "Verify", "Check", "Ensure", "Validate", "Confirm", "Test", "Reject", "Allow", "Prevent", "Display",
];
const THINGS: &[&str] = &[
    "empty input",
    "maximum length",
    "unicode names",
    "expired session",
    "slow network",
    "duplicate submit",
    "invalid email",
    "zero quantity",
    "large order",
    "cancelled payment",
    "missing address",
    "locked account",
    "time zone change",
    "currency switch",
    "mobile layout",
    "keyboard only",
    "screen reader",
    "retry after error",
];
const ACTIONS: &[&str] = &[
    "Open the page",
    "Fill in the form",
    "Press Submit",
    "Reload the page",
    "Switch language",
    "Log out and in",
    "Add an item",
    "Remove an item",
    "Apply a filter",
    "Export the list",
];

impl Engine {
    /// Writes project LOAD with `n` cases and one run over all of them.
    pub fn write_synthetic(&mut self, n: usize, now: Time) -> Result<ProjectCode, ServiceError> {
        let code = ProjectCode::parse(LOAD_CODE)?;
        if self.store.get::<Project>(&keys::project(&code))?.is_some() {
            return Err(ServiceError::Invalid(format!(
                "project {code} already exists in this store; nothing was written"
            )));
        }
        let mut project = Project::new(code.clone(), format!("Load test ({n} cases)"), now);
        project.note_user(&self.user);
        project.environments.push(Environment {
            name: "staging".into(),
            description: String::new(),
            retired: false,
        });
        project.config_groups.push(ConfigGroup {
            name: "Browser".into(),
            values: vec!["Chrome".into(), "Firefox".into()],
            retired: false,
            retired_values: Vec::new(),
        });
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut batch = Batch::new();
        // Suites: one per area, each with nested feature suites of ~50 cases.
        let mut leaf_suites = Vec::new();
        for area in AREAS {
            let id = project.next_suite();
            batch.put(
                keys::numbered(&code, id),
                &Suite {
                    id,
                    parent: None,
                    name: area.to_string(),
                    description: String::new(),
                },
            );
            for k in 0..(n / 50 / AREAS.len()).max(1) {
                let child = project.next_suite();
                let name = format!("{area} {}", k + 1);
                batch.put(
                    keys::numbered(&code, child),
                    &Suite {
                        id: child,
                        parent: Some(id),
                        name,
                        description: String::new(),
                    },
                );
                leaf_suites.push(child);
            }
        }
        // The run over every case, written with its cases chunk by chunk
        // (memory stays that of one chunk); the project last, so that a
        // run cut short leaves no project LOAD and can be run again.
        let run_no = project.next_run();
        let combo = ConfigCombo::default();
        for i in 0..n {
            let no = project.next_case();
            let area = rng.pick(AREAS);
            let title = format!(
                "{} {} with {} ({})",
                rng.pick(VERBS),
                area.to_lowercase(),
                rng.pick(THINGS),
                i + 1
            );
            let mut case = crate::domain::Case::new(no, title, now);
            case.suite = Some(leaf_suites[i * leaf_suites.len() / n.max(1)]);
            case.preconditions = format!("A test account with access to {area}.");
            case.steps = (0..3 + rng.next() % 3)
                .map(|s| Step {
                    action: format!("{} ({})", rng.pick(ACTIONS), s + 1),
                    data: if s == 0 {
                        format!("user{}@example.com", i % 97)
                    } else {
                        String::new()
                    },
                    expected: format!("{area} responds correctly to step {}", s + 1),
                    level: 0,
                })
                .collect();
            case.priority = CasePriority::ALL[(rng.next() % 4) as usize];
            case.severity = Severity::ALL[(rng.next() % 7) as usize];
            case.case_type = CaseType::ALL[(rng.next() % CaseType::ALL.len() as u64) as usize];
            case.estimate_ms = Some(60_000 * (1 + rng.next() % 15));
            case.tags = vec![area.to_lowercase()];
            batch.put(keys::numbered(&code, no), &case);
            let mut test = Test::new(run_no, i as u32, &case, combo.clone());
            // About a third of the run done.
            if i % 3 == 0 {
                test.push_result(self.synthetic_result(now, &mut rng));
            }
            batch.put(keys::test(&code, run_no, test.id), &test);
            if batch.len() >= CHUNK {
                self.store.commit(std::mem::take(&mut batch))?;
            }
        }
        let run = Run {
            no: run_no,
            title: "Full regression".into(),
            description: String::new(),
            environment: Some("staging".into()),
            milestone: None,
            configs: Vec::new(),
            tags: Vec::new(),
            author: self.user.clone(),
            created: now,
            started: (n > 0).then_some(now),
            ended: None,
            state: RunState::Active,
            outcome: None,
            test_count: n as u32,
            next_test: n as u32,
        };
        batch.put(keys::numbered(&code, run_no), &run);
        batch.put(keys::project(&code), &project);
        self.store.commit(batch)?;
        self.set_last_project(&code)?;
        Ok(code)
    }

    /// A result as a tester would record it, of a varied status and time.
    fn synthetic_result(&self, now: Time, rng: &mut Rng) -> TestResult {
        let statuses = [
            ResultStatus::Passed,
            ResultStatus::Passed,
            ResultStatus::Passed,
            ResultStatus::Failed,
            ResultStatus::Blocked,
            ResultStatus::Skipped,
        ];
        TestResult {
            status: statuses[(rng.next() % statuses.len() as u64) as usize],
            steps: Vec::new(),
            comment: String::new(),
            attachments: Vec::new(),
            duration_ms: 30_000 + rng.next() % 600_000,
            author: self.user.clone(),
            at: now,
            defects: Vec::new(),
        }
    }
}
