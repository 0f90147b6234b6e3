//! Model text → validate → a template of every profile, rated → score: a model that
//! validates gives templates and scores (or a scoring error), never a panic.
#![no_main]

use cmmm_model::{Model, Rating};
use cmmm_score::{Options, Scorer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(model) = Model::from_json(text) else {
        return;
    };
    let scorer = Scorer::new(&model);
    let keys: Vec<String> = model.scale().iter().map(|p| p.key.clone()).collect();
    for profile in model.profiles() {
        let Ok(mut template) = cmmm_model::template(&model, &profile.id, &[]) else {
            continue;
        };
        for (i, (_, answer)) in template.ratings.iter_mut().enumerate() {
            if !keys.is_empty() {
                answer.rating = Some(Rating::key(keys[i % keys.len()].as_str()));
            }
        }
        let _ = scorer.score(&template, &Options::default());
    }
});
