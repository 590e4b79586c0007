//! The one timestamp a pack carries. It never comes from the clock, so the
//! same sources give byte-identical packs: SOURCE_DATE_EPOCH when set (the
//! reproducible-builds convention), else the time of the `HEAD` commit,
//! else a fixed date.

use anyhow::{Context as _, bail};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeSource {
    SourceDateEpoch,
    Commit,
    /// Neither is available: 1980-01-01T00:00:00Z, the date ZIP and
    /// reproducible builds use for "no meaningful time".
    Fixed,
}

impl TimeSource {
    pub fn name(self) -> &'static str {
        match self {
            TimeSource::SourceDateEpoch => "SOURCE_DATE_EPOCH",
            TimeSource::Commit => "commit",
            TimeSource::Fixed => "fixed",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct PackTime {
    /// Seconds since the Unix epoch, UTC.
    pub seconds: i64,
    pub source: TimeSource,
}

const FIXED: i64 = 315_532_800; // 1980-01-01T00:00:00Z

impl PackTime {
    /// `epoch` is the value of SOURCE_DATE_EPOCH, if set.
    pub fn choose(epoch: Option<&str>, head_time: Option<i64>) -> anyhow::Result<PackTime> {
        if let Some(v) = epoch.filter(|v| !v.trim().is_empty()) {
            let seconds: i64 = v
                .trim()
                .parse()
                .with_context(|| format!("SOURCE_DATE_EPOCH=`{v}` is not a number of seconds since 1970"))?;
            if jiff::Timestamp::from_second(seconds).is_err() || seconds < 0 {
                bail!("SOURCE_DATE_EPOCH=`{v}` is out of range");
            }
            return Ok(PackTime { seconds, source: TimeSource::SourceDateEpoch });
        }
        Ok(match head_time.filter(|t| jiff::Timestamp::from_second(*t).is_ok() && *t >= 0) {
            Some(seconds) => PackTime { seconds, source: TimeSource::Commit },
            None => PackTime { seconds: FIXED, source: TimeSource::Fixed },
        })
    }

    pub fn timestamp(&self) -> jiff::Timestamp {
        jiff::Timestamp::from_second(self.seconds).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
    }

    /// `2024-03-20T10:15:00Z`.
    pub fn rfc3339(&self) -> String {
        self.timestamp().strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_then_commit_then_fixed() {
        let t = PackTime::choose(Some("1700000000"), Some(5)).unwrap();
        assert_eq!((t.seconds, t.source), (1_700_000_000, TimeSource::SourceDateEpoch));
        assert_eq!(t.rfc3339(), "2023-11-14T22:13:20Z");
        assert_eq!(PackTime::choose(None, Some(5)).unwrap().source, TimeSource::Commit);
        let fixed = PackTime::choose(Some(""), None).unwrap();
        assert_eq!(fixed.rfc3339(), "1980-01-01T00:00:00Z");
        assert!(PackTime::choose(Some("yesterday"), None).is_err());
    }
}
