//! The host-independent core of the boundary (`cmmm_ffi::json`): what it returns is the core's
//! result, and its errors carry the class, code and location every host reports.

use cmmm_ffi::json::{load_model, score, template};
use cmmm_ffi::Status;
use cmmm_model::Model;
use cmmm_score::{parse_assessment, Options, Scorer};

#[test]
fn scores_like_the_core() {
    let model = Model::gbt39116_2020();
    let text = cmmm_model::template(model, "discrete", &[]).unwrap();
    let mut text = serde_json::to_value(&text).unwrap();
    for (_, v) in text["ratings"].as_object_mut().unwrap() {
        *v = "full".into();
    }
    let text = text.to_string();
    let options = Options::default();
    let direct = Scorer::new(model)
        .score(&parse_assessment(&text).unwrap(), &options)
        .unwrap();
    let out = score(None, &text, &options).unwrap();
    assert_eq!(out, serde_json::to_string(&direct).unwrap());
    assert_eq!(
        out,
        score(Some(&Scorer::new(model)), &text, &options).unwrap()
    );
}

#[test]
fn errors_carry_class_code_and_location() {
    let e = score(
        None,
        r#"{"profile": "discrete", "ratings": {"nope": "full"}}"#,
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(e.status, Status::InvalidAssessment);
    assert_eq!(e.code, "unknown-requirement");
    assert_eq!(e.location, "ratings.nope");
    assert!(e
        .to_string()
        .starts_with("unknown-requirement: ratings.nope: "));

    let e = score(None, "{", &Options::default()).unwrap_err();
    assert_eq!((e.status, e.code), (Status::InvalidJson, "invalid-json"));

    let options = Options::new().allow_missing(true).target(9);
    let e = score(None, r#"{"profile": "discrete", "ratings": {}}"#, &options).unwrap_err();
    assert_eq!(
        (e.status, e.code),
        (Status::InvalidOptions, "invalid-target")
    );

    let e = load_model("{}").unwrap_err();
    assert_eq!((e.status, e.code), (Status::InvalidJson, "invalid-json"));
    let broken = Model::gbt39116_2020()
        .to_json_pretty()
        .replace("\"gate\": \"0.8\"", "\"gate\": \"1.5\"");
    let e = load_model(&broken).unwrap_err();
    assert_eq!(
        (e.status, e.code, e.location.as_str()),
        (Status::InvalidModel, "invalid-model", "gate")
    );

    let e = template(None, "nope").unwrap_err();
    assert_eq!(
        (e.status, e.code),
        (Status::InvalidArgument, "unknown-profile")
    );
}

#[test]
fn template_is_an_assessment() {
    let t = template(None, "process").unwrap();
    let a = parse_assessment(&t).unwrap();
    assert_eq!(a.profile, "process");
    assert!(!a.ratings.is_empty());
}
