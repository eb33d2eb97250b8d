//! Colours and symbols. The 16 named colours by default (SSH does not pass
//! COLORTERM, and terminfo is not consulted), RGB only when COLORTERM says
//! truecolor, and with NO_COLOR or --no-color a theme of modifiers only.
//! ASCII borders and markers when the locale is not UTF-8 or TERM=vt100.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorMode {
    /// Bold, reverse, underline only.
    Mono,
    Named,
    Rgb,
}

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub color: ColorMode,
    pub ascii: bool,
}

const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Theme {
    /// From the environment and the --no-color flag.
    pub fn detect(no_color_flag: bool) -> Self {
        let var = |k: &str| std::env::var(k).unwrap_or_default();
        let no_color = no_color_flag || !var("NO_COLOR").is_empty();
        let truecolor = matches!(var("COLORTERM").as_str(), "truecolor" | "24bit");
        let locale = [var("LC_ALL"), var("LC_CTYPE"), var("LANG")]
            .into_iter()
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        let utf8 = locale.to_ascii_lowercase().replace('-', "").contains("utf8");
        Self {
            color: if no_color {
                ColorMode::Mono
            } else if truecolor {
                ColorMode::Rgb
            } else {
                ColorMode::Named
            },
            ascii: !utf8 || var("TERM") == "vt100",
        }
    }

    pub fn plain() -> Self {
        Self {
            color: ColorMode::Named,
            ascii: false,
        }
    }

    pub fn border(&self) -> border::Set<'static> {
        if self.ascii { ASCII_BORDER } else { border::ROUNDED }
    }

    fn fg(&self, named: Color, rgb: (u8, u8, u8)) -> Style {
        match self.color {
            ColorMode::Mono => Style::default(),
            ColorMode::Named => Style::default().fg(named),
            ColorMode::Rgb => Style::default().fg(Color::Rgb(rgb.0, rgb.1, rgb.2)),
        }
    }

    /// A colour by name (from the status catalog). In mono, negative
    /// statuses are bold so they still stand out.
    pub fn named(&self, name: &str) -> Style {
        let (c, rgb) = match name {
            "green" => (Color::Green, (80, 200, 120)),
            "red" => (Color::Red, (230, 80, 80)),
            "yellow" => (Color::Yellow, (230, 190, 60)),
            "magenta" => (Color::Magenta, (200, 110, 220)),
            "cyan" => (Color::Cyan, (80, 200, 220)),
            "blue" => (Color::Blue, (90, 140, 240)),
            "gray" | "grey" => (Color::Gray, (150, 150, 150)),
            _ => (Color::White, (230, 230, 230)),
        };
        match self.color {
            ColorMode::Mono if matches!(name, "red" | "yellow" | "magenta") => {
                Style::default().add_modifier(Modifier::BOLD)
            }
            _ => self.fg(c, rgb),
        }
    }

    pub fn title(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        match self.color {
            ColorMode::Mono => Style::default(),
            _ => self.fg(Color::DarkGray, (120, 120, 120)),
        }
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan, (80, 200, 220)).add_modifier(Modifier::BOLD)
    }

    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    pub fn error(&self) -> Style {
        self.named("red").add_modifier(Modifier::BOLD)
    }

    pub fn tab_active(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Characters for a progress bar: (done, empty).
    pub fn bar_chars(&self) -> (&'static str, &'static str) {
        if self.ascii { ("#", ".") } else { ("█", "░") }
    }

    /// Between items on one line: ` · `, or ` - ` in ASCII.
    pub fn sep(&self) -> &'static str {
        if self.ascii { " - " } else { " · " }
    }

    /// Marker of the selected row.
    pub fn pointer(&self) -> &'static str {
        if self.ascii { ">" } else { "▶" }
    }
}
