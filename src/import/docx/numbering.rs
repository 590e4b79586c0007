//! The numbers Word displays for numbered paragraphs, from `word/numbering.xml`.
//!
//! A paragraph names a list (`w:numId`, a concrete `w:num`) and a level
//! (`w:ilvl`). The `w:num` points at an abstract definition (`w:abstractNum`)
//! whose levels (`w:lvl`) give the start value, the number format and the text
//! pattern (`w:lvlText`, `%1.%2`); the `w:num` may override a level's start
//! (`w:startOverride`) or the whole level. The semantics follow ECMA-376
//! Part 1 §17.9 as Word implements them ([MS-OI29500] notes):
//! - counters belong to the abstract definition, so two `w:num`s over one
//!   `w:abstractNum` continue each other's numbering, except that a `w:num`
//!   with a `w:startOverride` starts a sequence of its own (Word's "Restart
//!   numbering" writes exactly such a `w:num` for the restarted list);
//! - numbering a paragraph at level L restarts every deeper level, unless that
//!   level's `w:lvlRestart` says otherwise: `0` never restarts, `n` restarts
//!   only when level n (one-based) or a higher one is used;
//! - `w:isLgl` shows every number in the level's text as a decimal;
//! - a level that has not been used yet shows its start value.
//!
//! Nothing here reads files: [`Numbering`] is built from the parsed part and
//! [`Counter`] is fed paragraphs in document order.

use std::collections::HashMap;

use super::xml::Element;

/// Word has nine list levels, 0–8.
const LEVELS: usize = 9;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Decimal,
    /// `01`, `02`, … `10`.
    DecimalZero,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    Bullet,
    /// The level shows no number of its own.
    None,
}

impl Format {
    fn parse(v: &str) -> Format {
        match v {
            "decimalZero" => Format::DecimalZero,
            "lowerLetter" => Format::LowerLetter,
            "upperLetter" => Format::UpperLetter,
            "lowerRoman" => Format::LowerRoman,
            "upperRoman" => Format::UpperRoman,
            "bullet" => Format::Bullet,
            "none" => Format::None,
            // Word shows the formats of other scripts (and ones it does not
            // know) as decimals when it cannot render them; so do we.
            _ => Format::Decimal,
        }
    }

    fn show(self, n: u32) -> String {
        match self {
            Format::Decimal => n.to_string(),
            Format::DecimalZero => format!("{n:02}"),
            Format::LowerLetter => letters(n).to_lowercase(),
            Format::UpperLetter => letters(n),
            Format::LowerRoman => roman(n).to_lowercase(),
            Format::UpperRoman => roman(n),
            Format::Bullet => BULLET.to_string(),
            Format::None => String::new(),
        }
    }
}

/// What the importer reads as a bullet, whatever glyph (often a private-use
/// Symbol character) the level draws.
pub(crate) const BULLET: char = '•';

/// Word's letters: a … z, then aa … zz, aaa …: the letter repeated.
fn letters(n: u32) -> String {
    if n == 0 {
        return "0".to_string();
    }
    let letter = char::from(b'A' + ((n - 1) % 26) as u8);
    let times = (n - 1) / 26 + 1;
    std::iter::repeat_n(letter, times.min(100) as usize).collect()
}

fn roman(n: u32) -> String {
    if n == 0 {
        return "0".to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n.min(100_000);
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// What stands between the number and the paragraph's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Suffix {
    #[default]
    Tab,
    Space,
    Nothing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Level {
    start: u32,
    format: Format,
    /// `w:lvlText`; `None` when absent (the level shows nothing).
    text: Option<String>,
    restart: Option<u32>,
    legal: bool,
    /// A paragraph style tied to this level (`w:pStyle`).
    style: Option<String>,
    suffix: Suffix,
}

impl Level {
    fn parse(lvl: &Element) -> Level {
        Level {
            start: lvl.child("start").and_then(Element::val_u32).unwrap_or(0),
            format: lvl.child("numFmt").and_then(Element::val).map_or(Format::Decimal, Format::parse),
            text: lvl.child("lvlText").and_then(|t| t.val().map(str::to_string)),
            restart: lvl.child("lvlRestart").and_then(Element::val_u32),
            legal: lvl.child("isLgl").is_some_and(Element::is_on),
            style: lvl.child("pStyle").and_then(Element::val).map(str::to_string),
            suffix: match lvl.child("suff").and_then(Element::val) {
                Some("space") => Suffix::Space,
                Some("nothing") => Suffix::Nothing,
                _ => Suffix::Tab,
            },
        }
    }
}

#[derive(Debug, Default)]
struct Abstract {
    levels: [Option<Level>; LEVELS],
    /// `w:numStyleLink`: the definition lives in the list a numbering style names.
    style_link: Option<String>,
}

#[derive(Debug, Default, Clone)]
struct Override {
    start: Option<u32>,
    level: Option<Level>,
}

#[derive(Debug)]
struct Num {
    abstract_id: u32,
    overrides: [Override; LEVELS],
}

/// The list definitions of one document.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<u32, Abstract>,
    nums: HashMap<u32, Num>,
    /// Numbering styles (`styles.xml`, type `numbering`) → the `w:numId` they name.
    style_nums: HashMap<String, u32>,
}

/// A displayed list number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
    pub text: String,
    pub suffix: Suffix,
}

impl Numbering {
    /// Reads the root `w:numbering` element. Definitions Word could not use
    /// (no id, a level outside 0–8) are skipped, as Word skips them.
    pub fn parse(root: &Element) -> Numbering {
        let mut numbering = Numbering::default();
        for a in root.children_named("abstractNum") {
            let Some(id) = a.attr("abstractNumId").and_then(|v| v.parse().ok()) else { continue };
            let mut def = Abstract {
                style_link: a.child("numStyleLink").and_then(Element::val).map(str::to_string),
                ..Abstract::default()
            };
            for lvl in a.children_named("lvl") {
                if let Some(i) = level_index(lvl) {
                    def.levels[i] = Some(Level::parse(lvl));
                }
            }
            numbering.abstracts.insert(id, def);
        }
        for n in root.children_named("num") {
            let id = n.attr("numId").and_then(|v| v.parse().ok());
            let abstract_id = n.child("abstractNumId").and_then(Element::val_u32);
            let (Some(id), Some(abstract_id)) = (id, abstract_id) else { continue };
            let mut overrides: [Override; LEVELS] = Default::default();
            for o in n.children_named("lvlOverride") {
                if let Some(i) = level_index(o) {
                    overrides[i] = Override {
                        start: o.child("startOverride").and_then(Element::val_u32),
                        level: o.child("lvl").map(Level::parse),
                    };
                }
            }
            numbering.nums.insert(id, Num { abstract_id, overrides });
        }
        numbering
    }

    /// Tells the numbering which `w:numId` each numbering style names, for
    /// abstract definitions that only link to a style (`w:numStyleLink`).
    pub fn set_style_nums(&mut self, style_nums: HashMap<String, u32>) {
        self.style_nums = style_nums;
    }

    /// The abstract definition whose levels `num` uses: its own, or the one
    /// behind the numbering style it links to.
    fn definition(&self, num: &Num) -> Option<&Abstract> {
        let mut def = self.abstracts.get(&num.abstract_id)?;
        // A link leads to another list, whose definition may link again;
        // Word follows one link, and a chain that loops must end.
        for _ in 0..4 {
            let Some(link) = &def.style_link else { break };
            let linked = self.style_nums.get(link).and_then(|id| self.nums.get(id));
            match linked.and_then(|n| self.abstracts.get(&n.abstract_id)) {
                Some(next) => def = next,
                None => break,
            }
        }
        Some(def)
    }

    /// Level `i` of list `num_id` as that list shows it (overrides applied).
    fn level(&self, num: &Num, i: usize) -> Option<Level> {
        let o = &num.overrides[i];
        let mut level = o.level.clone().or_else(|| self.definition(num)?.levels[i].clone())?;
        if let Some(start) = o.start {
            level.start = start;
        }
        Some(level)
    }

    /// The level a paragraph of `style` takes in list `num_id` when neither
    /// the paragraph nor its style says: the level tied to that style, or 0.
    pub fn level_for_style(&self, num_id: u32, style: Option<&str>) -> u8 {
        let (Some(num), Some(style)) = (self.nums.get(&num_id), style) else { return 0 };
        (0..LEVELS).find(|&i| self.level(num, i).is_some_and(|l| l.style.as_deref() == Some(style))).unwrap_or(0) as u8
    }
}

fn level_index(e: &Element) -> Option<usize> {
    e.attr("ilvl").and_then(|v| v.trim().parse::<usize>().ok()).filter(|&i| i < LEVELS)
}

/// Whose counters a list uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Sequence {
    Abstract(u32),
    Num(u32),
}

/// The running counters of a document's lists, fed its numbered paragraphs
/// in reading order.
#[derive(Debug)]
pub(crate) struct Counter<'a> {
    numbering: &'a Numbering,
    /// The last number shown at each level; `None` until the level is used
    /// and again after it restarts.
    counts: HashMap<Sequence, [Option<u32>; LEVELS]>,
}

impl<'a> Counter<'a> {
    pub fn new(numbering: &'a Numbering) -> Self {
        Counter { numbering, counts: HashMap::new() }
    }

    /// Numbers one paragraph of list `num_id` at level `ilvl` and returns
    /// the label Word shows, or `None` when the list or level does not exist
    /// (`w:numId` 0 is "no numbering") or the level shows nothing.
    pub fn next(&mut self, num_id: u32, ilvl: u8) -> Option<Label> {
        let numbering = self.numbering;
        let num = numbering.nums.get(&num_id)?;
        let at = usize::from(ilvl).min(LEVELS - 1);
        let levels: Vec<Option<Level>> = (0..LEVELS).map(|i| numbering.level(num, i)).collect();
        let level = levels[at].as_ref()?;
        let sequence = if num.overrides.iter().any(|o| o.start.is_some()) {
            Sequence::Num(num_id)
        } else {
            Sequence::Abstract(num.abstract_id)
        };
        let counts = self.counts.entry(sequence).or_insert([None; LEVELS]);
        counts[at] = Some(match counts[at] {
            Some(n) => n.saturating_add(1),
            None => level.start,
        });
        for (deeper, count) in counts.iter_mut().enumerate().skip(at + 1) {
            if restarts(levels[deeper].as_ref(), deeper, at) {
                *count = None;
            }
        }
        let text = display(level, &levels, counts);
        (!text.is_empty()).then_some(Label { text, suffix: level.suffix })
    }
}

/// Whether level `deeper` restarts when level `used` (a higher one) numbers
/// a paragraph.
fn restarts(level: Option<&Level>, deeper: usize, used: usize) -> bool {
    match level.and_then(|l| l.restart) {
        Some(0) => false,
        // One-based: restart when level r-1 or a higher level is used. A
        // value naming this level or a deeper one is ignored (§17.9.11).
        Some(r) if (r as usize) <= deeper => used < r as usize,
        _ => true,
    }
}

/// The level's text with each `%n` replaced by level n's number.
fn display(level: &Level, levels: &[Option<Level>], counts: &[Option<u32>; LEVELS]) -> String {
    if level.format == Format::Bullet {
        return BULLET.to_string();
    }
    let Some(pattern) = &level.text else { return String::new() };
    let mut out = String::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        let digit = chars.peek().and_then(|d| d.to_digit(10)).filter(|d| (1..=LEVELS as u32).contains(d));
        match (c, digit) {
            ('%', Some(d)) => {
                chars.next();
                let i = d as usize - 1;
                let Some(referenced) = levels[i].as_ref() else { continue };
                let n = counts[i].unwrap_or(referenced.start);
                let format = match referenced.format {
                    Format::None | Format::Bullet => Format::None,
                    _ if level.legal => Format::Decimal,
                    f => f,
                };
                out.push_str(&format.show(n));
            }
            _ => out.push(c),
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests;
