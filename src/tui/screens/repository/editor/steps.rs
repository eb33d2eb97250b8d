//! The editor's steps: each an action, data and expected result with its
//! nesting level; added, removed, moved and indented where the focus is.

use super::{CaseEditor, Focus};
use crate::domain::Step;
use crate::domain::case_edit::normalize_levels;
use crate::tui::widgets::field::Field;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Action,
    Data,
    Expected,
}

impl Part {
    pub const ALL: [Part; 3] = [Part::Action, Part::Data, Part::Expected];

    pub fn label(self) -> &'static str {
        match self {
            Part::Action => "Action",
            Part::Data => "Data",
            Part::Expected => "Expected",
        }
    }
}

pub struct StepRow {
    pub action: Field,
    pub data: Field,
    pub expected: Field,
    pub level: u8,
}

impl StepRow {
    pub fn new(s: &Step) -> Self {
        Self {
            action: Field::new(&s.action, false),
            data: Field::new(&s.data, false),
            expected: Field::new(&s.expected, false),
            level: s.level,
        }
    }

    pub fn step(&self) -> Step {
        Step {
            action: self.action.text(),
            data: self.data.text(),
            expected: self.expected.text(),
            level: self.level,
        }
    }

    pub fn field_mut(&mut self, part: Part) -> &mut Field {
        match part {
            Part::Action => &mut self.action,
            Part::Data => &mut self.data,
            Part::Expected => &mut self.expected,
        }
    }

    pub fn field(&self, part: Part) -> &Field {
        match part {
            Part::Action => &self.action,
            Part::Data => &self.data,
            Part::Expected => &self.expected,
        }
    }
}

/// Numbers as nested steps read: `1`, `1.1`, `1.2`, `2`.
pub fn numbers(levels: &[u8]) -> Vec<String> {
    let mut counters: Vec<u32> = Vec::new();
    levels
        .iter()
        .map(|l| {
            let depth = *l as usize + 1;
            counters.resize(depth, 0);
            counters[depth - 1] += 1;
            counters.iter().map(u32::to_string).collect::<Vec<_>>().join(".")
        })
        .collect()
}

impl CaseEditor {
    fn focused_step(&self) -> Option<usize> {
        match self.focus {
            Focus::Step(i, _) => Some(i),
            Focus::Slot(_) => None,
        }
    }

    fn fix_levels(&mut self) {
        let mut steps: Vec<Step> = self.steps.iter().map(StepRow::step).collect();
        normalize_levels(&mut steps);
        for (row, s) in self.steps.iter_mut().zip(steps) {
            row.level = s.level;
        }
        self.changed();
    }

    /// A new step below the focused one (same level), or at the end.
    pub fn add_step(&mut self) {
        let (at, level) = match self.focused_step() {
            Some(i) => (i + 1, self.steps[i].level),
            None => (self.steps.len(), 0),
        };
        let step = Step {
            level,
            ..Step::default()
        };
        self.steps.insert(at, StepRow::new(&step));
        self.focus = Focus::Step(at, Part::Action);
        self.fix_levels();
    }

    pub fn remove_step(&mut self) {
        let Some(i) = self.focused_step() else {
            self.error = Some("Focus a step first (Tab to the steps)".into());
            return;
        };
        self.steps.remove(i);
        self.focus = match (i, self.steps.len()) {
            (_, 0) => Focus::Slot(self.slots.len() - 1),
            (i, n) => Focus::Step(i.min(n - 1), Part::Action),
        };
        self.fix_levels();
    }

    /// Moves the focused step up (`-1`) or down (`1`); the focus follows.
    pub fn move_step(&mut self, delta: isize) {
        let Some(i) = self.focused_step() else { return };
        let j = i as isize + delta;
        if j < 0 || j as usize >= self.steps.len() {
            return;
        }
        self.steps.swap(i, j as usize);
        if let Focus::Step(_, part) = self.focus {
            self.focus = Focus::Step(j as usize, part);
        }
        self.fix_levels();
    }

    /// Nests the focused step one level deeper (at most one below the step
    /// above), or one level out.
    pub fn indent(&mut self, deeper: bool) {
        let Some(i) = self.focused_step() else { return };
        let row = &mut self.steps[i];
        row.level = if deeper {
            row.level.saturating_add(1)
        } else {
            row.level.saturating_sub(1)
        };
        self.fix_levels();
    }

    pub fn steps_changed(&self) -> bool {
        super::build::steps_of(&self.steps) != self.original_steps
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn nested_numbers() {
        assert_eq!(
            super::numbers(&[0, 1, 1, 2, 0, 1]),
            ["1", "1.1", "1.2", "1.2.1", "2", "2.1"]
        );
    }
}
