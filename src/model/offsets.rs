//! Where each byte of a block's plain text stands in its source file.
//!
//! Most of a block's text is its source verbatim, so the map is kept as runs
//! rather than one offset per byte: a verbatim run maps consecutive text
//! bytes to consecutive source bytes; a point run maps all its text bytes to
//! one source offset (a space standing for a line break, an escaped
//! character, the " | " between table cells). Built while loading, read when
//! a finding needs the span of part of a block.

/// The source offset of text bytes `0..len()`; see the module comment.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Offsets {
    /// Sorted by `text`; each run lasts until the next one starts.
    runs: Vec<Run>,
    /// How many text positions are mapped.
    len: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    text: usize,
    source: usize,
    verbatim: bool,
}

impl Offsets {
    pub fn new() -> Offsets {
        Offsets::default()
    }

    /// How many text positions are mapped.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The source offset of text position `i`, if mapped.
    pub fn get(&self, i: usize) -> Option<usize> {
        if i >= self.len {
            return None;
        }
        let run = self.runs[self.runs.partition_point(|r| r.text <= i) - 1];
        Some(if run.verbatim { run.source + (i - run.text) } else { run.source })
    }

    /// The next `n` text bytes are the source bytes from `source` on.
    pub fn push_verbatim(&mut self, source: usize, n: usize) {
        self.push(source, n, true);
    }

    /// The next `n` text bytes all stand at `source`.
    pub fn push_at(&mut self, source: usize, n: usize) {
        self.push(source, n, false);
    }

    fn push(&mut self, source: usize, n: usize, verbatim: bool) {
        if n == 0 {
            return;
        }
        let continues = self.runs.last().is_some_and(|last| {
            last.verbatim == verbatim
                && if verbatim { last.source + (self.len - last.text) == source } else { last.source == source }
        });
        if !continues {
            self.runs.push(Run { text: self.len, source, verbatim });
        }
        self.len += n;
    }

    /// Drops the last position.
    pub fn pop(&mut self) {
        if self.len == 0 {
            return;
        }
        self.len -= 1;
        if self.runs.last().is_some_and(|r| r.text == self.len) {
            self.runs.pop();
        }
    }

    /// Appends the positions of `other` after these.
    pub fn append(&mut self, other: &Offsets) {
        for (k, r) in other.runs.iter().enumerate() {
            let end = other.runs.get(k + 1).map_or(other.len, |n| n.text);
            self.push(r.source, end - r.text, r.verbatim);
        }
    }

    /// Drops the first `n` positions.
    pub fn drain_front(&mut self, n: usize) {
        let n = n.min(self.len);
        let first = self.runs.partition_point(|r| r.text <= n).saturating_sub(1);
        self.runs.drain(..first);
        for r in &mut self.runs {
            if r.text < n {
                // The run that holds position `n` now starts there.
                if r.verbatim {
                    r.source += n - r.text;
                }
                r.text = 0;
            } else {
                r.text -= n;
            }
        }
        self.len -= n;
        if self.len == 0 {
            self.runs.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The map as one offset per position, as it was first written.
    fn flat(o: &Offsets) -> Vec<usize> {
        (0..o.len()).filter_map(|i| o.get(i)).collect()
    }

    #[test]
    fn runs_read_back_as_one_offset_per_byte() {
        let mut o = Offsets::new();
        o.push_verbatim(10, 3); // "abc" at 10..13
        o.push_at(15, 1); // a space for "\n  "
        o.push_verbatim(18, 2);
        o.push_verbatim(20, 2); // continues the run
        o.push_at(30, 3); // " | "
        o.push_at(30, 1);
        o.push_at(40, 1); // the end
        assert_eq!(flat(&o), [10, 11, 12, 15, 18, 19, 20, 21, 30, 30, 30, 30, 40]);
        assert_eq!(o.runs.len(), 5, "contiguous pushes extend a run");
        assert_eq!(o.get(13), None);

        let mut p = o.clone();
        p.pop();
        assert_eq!(flat(&p), [10, 11, 12, 15, 18, 19, 20, 21, 30, 30, 30, 30]);

        let mut q = Offsets::new();
        q.push_at(5, 1);
        q.append(&p);
        assert_eq!(flat(&q), [5, 10, 11, 12, 15, 18, 19, 20, 21, 30, 30, 30, 30]);
    }

    #[test]
    fn draining_the_front_keeps_the_rest_in_place() {
        let mut o = Offsets::new();
        o.push_verbatim(10, 4);
        o.push_at(20, 2);
        o.push_verbatim(30, 3);
        let all = flat(&o);
        for n in 0..=all.len() + 1 {
            let mut d = o.clone();
            d.drain_front(n);
            assert_eq!(flat(&d), all[n.min(all.len())..], "drain {n}");
        }
    }
}
