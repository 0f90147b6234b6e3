//! The closing summary of a batch: records read, scored, failed, and the distribution of
//! levels.

use cmmm_model::{Lang, Model, Ratio, Text};
use serde::Serialize;

/// Counts gathered while the batch runs.
pub struct Tally {
    /// Per level 0..=top: records at that level.
    levels: Vec<u64>,
    failed: u64,
    meets_level_2: u64,
}

#[derive(Serialize)]
struct LevelShare {
    level: u8,
    name: Text,
    count: u64,
    /// Share of the scored records, 4 places, half away from zero.
    share: String,
}

#[derive(Serialize)]
struct Summary {
    model: String,
    records: u64,
    scored: u64,
    failed: u64,
    levels: Vec<LevelShare>,
    meets_level_2: u64,
    /// Share of the scored records that meet level 2.
    meets_level_2_share: String,
}

fn share(part: u64, whole: u64) -> String {
    match Ratio::new(i128::from(part), i128::from(whole)) {
        Some(r) => r.to_decimal_string(4, true),
        None => "0.0000".into(),
    }
}

impl Tally {
    pub fn new(model: &Model) -> Tally {
        Tally {
            levels: vec![0; usize::from(model.level_count()) + 1],
            failed: 0,
            meets_level_2: 0,
        }
    }

    /// Counts one record: its level, or `None` when it failed.
    pub fn add(&mut self, level: Option<u8>) {
        match level {
            Some(l) => {
                self.levels[usize::from(l)] += 1;
                if l >= 2 {
                    self.meets_level_2 += 1;
                }
            }
            None => self.failed += 1,
        }
    }

    pub fn scored(&self) -> u64 {
        self.levels.iter().sum()
    }

    pub fn failed(&self) -> u64 {
        self.failed
    }

    fn summary(&self, model: &Model) -> Summary {
        let scored = self.scored();
        Summary {
            model: format!("{} {}", model.id(), model.version()),
            records: scored + self.failed,
            scored,
            failed: self.failed,
            levels: self
                .levels
                .iter()
                .enumerate()
                .map(|(l, &count)| LevelShare {
                    level: l as u8,
                    name: model.level_name(l as u8).clone(),
                    count,
                    share: share(count, scored),
                })
                .collect(),
            meets_level_2: self.meets_level_2,
            meets_level_2_share: share(self.meets_level_2, scored),
        }
    }

    /// The summary as pretty JSON.
    pub fn json(&self, model: &Model) -> String {
        // Plain data serializes.
        serde_json::to_string_pretty(&self.summary(model)).expect("summary serializes") + "\n"
    }

    /// The summary for people, in `lang`.
    pub fn text(&self, model: &Model, lang: Lang) -> String {
        let s = self.summary(model);
        let zh = lang == Lang::Zh;
        let mut out = if zh {
            format!(
                "读取记录 {}，计分 {}，失败 {}\n",
                s.records, s.scored, s.failed
            )
        } else {
            format!(
                "records read: {}, scored: {}, failed: {}\n",
                s.records, s.scored, s.failed
            )
        };
        for l in &s.levels {
            let level = if zh { "等级" } else { "level" };
            out.push_str(&format!(
                "  {level} {} {:<28} {:>9}  {}\n",
                l.level,
                l.name.get(lang),
                l.count,
                l.share
            ));
        }
        out.push_str(&if zh {
            format!(
                "达到二级：{}（占已计分的 {}）\n",
                s.meets_level_2, s.meets_level_2_share
            )
        } else {
            format!(
                "meets level 2: {} ({} of scored)\n",
                s.meets_level_2, s.meets_level_2_share
            )
        });
        out
    }
}
