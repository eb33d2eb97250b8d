//! The rules of PRODUCT.md §2 as pure functions, shared by the TUI and the CLI
//! through `service`.

mod assignment;
mod completion;
mod distribution;
mod readiness;
mod redirect;
mod steps;

pub use assignment::{auto_assignee, check_can_record, run_takes_results};
pub use completion::{all_have_results, run_outcome, should_auto_complete};
pub use distribution::{distribute, distribute_even, distribute_load_balanced, percent_shares, split_evenly};
pub use readiness::{needs_verification, release_ready};
pub use redirect::{RedirectTest, first_untested_from, redirect_target};
pub use steps::{StepVerdict, case_verdict_from_steps, final_status};

#[cfg(test)]
mod props;
