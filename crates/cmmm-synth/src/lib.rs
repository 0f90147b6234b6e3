//! `cmmm-synth`: synthetic assessments for testing and benchmarking `cmmm batch` and the
//! portfolio report. A development tool (not published, not in the product binary): the
//! tests, the benchmark scripts and the browser tests run it.
//!
//! Every record is one assessment of one synthetic enterprise, derived from the seed and its
//! number alone (a SplitMix64 stream per record and purpose), so the same arguments give the
//! same bytes, and the same seed gives the same enterprises in every format.
//!
//! **Realism.** Each enterprise has a latent maturity: a level L drawn with the rough shape of
//! the national self-diagnosis platform's figures (about 60 % at level ≤ 1, 20 % at level 2,
//! 12 % at level 3, 8 % at level 4 or above) plus a fraction f. A requirement of level n is
//! rated from probabilities that fall as n rises above L + f, shifted per sub-domain, so the
//! engine's levels spread over 0–5. Every probability is an integer per mille. Profiles leave
//! out what they exclude by default (sometimes brought back with `include`); now and then a
//! tailorable sub-domain is tailored out with a reason and its ratings omitted. Ratings are
//! mostly scale keys, some Chinese labels, some exact values (as text, and as JSON or xlsx
//! numbers); some carry evidence and a comment.
//!
//! **Broken records.** Exactly round(count × fraction) records (half away from zero), spread
//! evenly, are broken on purpose, the kinds taking turns. JSON and NDJSON: the record cut in
//! half (NDJSON: the line truncated, invalid JSON; JSON array: the object without its
//! `ratings`, so the array stays readable), an unknown requirement id, a rating not on the
//! scale, one in-scope rating missing, an unknown profile. CSV and XLSX: an unknown
//! requirement id, a rating not on the scale, a missing rating row (long) or cell (wide), an
//! unknown profile. Each broken record is still a separate assessment, so records in and
//! records out can be counted.

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, ValueEnum};
use cmmm_model::{Model, Ratio};
use serde::ser::SerializeMap;
use serde::Serialize;

/// The command line of `cmmm-synth`.
#[derive(Parser)]
#[command(name = "cmmm-synth", about)]
struct Cli {
    #[command(flatten)]
    args: GenerateArgs,
}

/// Parses `argv` (the program name first) and writes the records it asks for; what is
/// wrong otherwise (a bad argument, an unreadable model, an unwritable output).
pub fn run_from<I, T>(argv: I) -> Result<(), String>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    match Cli::try_parse_from(argv) {
        Ok(cli) => run(&cli.args),
        Err(e) if !e.use_stderr() => {
            // --help, --version: what was asked for, and success.
            let _ = e.print();
            Ok(())
        }
        Err(e) => Err(e.render().to_string()),
    }
}

/// Runs `fill` on `path`, naming `path` in errors (test data: written in place).
fn write_to(path: &Path, fill: impl FnOnce(&Path) -> Result<(), String>) -> Result<(), String> {
    fill(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Write synthetic assessments (deterministic per seed, some deliberately broken) for testing
/// and benchmarking batch scoring.
#[derive(Args)]
struct GenerateArgs {
    /// Number of assessments to write.
    #[arg(long)]
    count: u64,
    /// Seed of the pseudo-random generator: the same seed gives the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Model file (default: the embedded model).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Output format and layout.
    #[arg(long, value_enum)]
    format: GenFormat,
    /// Share of deliberately broken records: an exact decimal (`0.05`) or fraction (`1/20`)
    /// from 0 to 1.
    #[arg(long, default_value = "0")]
    broken: String,
    /// Profile of every record (`discrete`, `process` or any profile id of the model), or
    /// `mixed` to pick one of the model's profiles per record.
    #[arg(long, default_value = "mixed")]
    profile: String,
    /// Text encoding of CSV output [default: utf-8].
    #[arg(long, value_enum)]
    encoding: Option<TextEncoding>,
    /// Output file.
    #[arg(long)]
    out: PathBuf,
}

/// Output format and layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum GenFormat {
    /// One compact assessment object per line.
    Ndjson,
    /// An array of assessment objects, one per line.
    Json,
    /// CSV, one row per rating.
    CsvLong,
    /// CSV, one row per assessment, one column per requirement.
    CsvWide,
    /// XLSX (worksheet `assessments`), one row per rating.
    XlsxLong,
    /// XLSX (worksheet `assessments`), one row per assessment.
    XlsxWide,
}

impl GenFormat {
    fn is_json(self) -> bool {
        matches!(self, GenFormat::Ndjson | GenFormat::Json)
    }

    fn name(self) -> &'static str {
        match self {
            GenFormat::Ndjson => "ndjson",
            GenFormat::Json => "json",
            GenFormat::CsvLong => "csv-long",
            GenFormat::CsvWide => "csv-wide",
            GenFormat::XlsxLong => "xlsx-long",
            GenFormat::XlsxWide => "xlsx-wide",
        }
    }
}

/// Text encoding of CSV output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum TextEncoding {
    /// UTF-8 without a byte-order mark.
    #[value(name = "utf-8")]
    Utf8,
    /// UTF-8 with a byte-order mark, as Excel writes it.
    #[value(name = "utf-8-bom")]
    Utf8Bom,
    /// GBK, as Chinese office software often writes it.
    #[value(name = "gbk")]
    Gbk,
}

/// Writes the synthetic records and a one-line note on stderr.
fn run(args: &GenerateArgs) -> Result<(), String> {
    let model = Model::from_path_or_default(args.model.as_deref())
        .map_err(|e| format!("--model: {e} [{}]", e.code()))?;
    let generator = Generator::new(&model, args)?;
    let encoding = args.encoding.unwrap_or(TextEncoding::Utf8);
    let out = args.out.as_path();
    match args.format {
        GenFormat::XlsxLong | GenFormat::XlsxWide => {
            write_to(out, |path| generator.write_xlsx(path))?;
        }
        _ => write_to(out, |path| {
            let file = std::fs::File::create(path).map_err(|e| format!("cannot create: {e}"))?;
            let mut w = BufWriter::with_capacity(1 << 18, file);
            generator.write_text(&mut w, encoding)?;
            let file = w
                .into_inner()
                .map_err(|e| format!("cannot write: {}", e.into_error()))?;
            file.sync_all().map_err(|e| format!("cannot write: {e}"))
        })?,
    }
    eprintln!(
        "cmmm-synth: {} records, {} deliberately broken, written to {} ({}, seed {})",
        generator.count,
        generator.broken,
        out.display(),
        args.format.name(),
        generator.seed,
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Randomness and distributions (integers only)
// ---------------------------------------------------------------------------------------

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast and good enough for test data.
struct Rng(u64);

impl Rng {
    /// The stream `stream` of record `record` under `seed`.
    fn new(seed: u64, record: u64, stream: u64) -> Rng {
        let mut r = Rng(seed ^ 0x6a09_e667_f3bc_c908);
        let a = r.next_u64();
        let mut r = Rng(a ^ record.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let b = r.next_u64();
        let mut r = Rng(b ^ stream.wrapping_mul(0xd1b5_4a32_d192_ed03));
        r.next_u64();
        r
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`), by multiply-shift.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    fn below_usize(&mut self, n: usize) -> usize {
        // `n` is a length, so it fits in u64, and the result is below it.
        self.below(n as u64) as usize
    }

    /// A number in `0..1000`.
    fn per_mille(&mut self) -> u32 {
        self.below(1000) as u32
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below_usize(items.len())]
    }
}

/// Latent level of an enterprise, per mille, cumulative over levels 0, 1, …, 5: the rough
/// shape of the national platform's figures (≤ 1: 60 %, 2: 20 %, 3: 12 %, ≥ 4: 8 %).
const LEVEL_CUMULATIVE: [u32; 6] = [250, 600, 800, 920, 980, 1000];

/// Probability (per mille) of rating full, most and partial (none takes the rest), by how far
/// a requirement's level lies below the latent maturity, in thousandths of a level: `c =
/// 1000 · (L + f + 1 − n)` shifted per sub-domain. Linear between the anchors, flat outside.
const RATING_ANCHORS: [(i64, [i64; 3]); 4] = [
    (-1000, [10, 30, 160]),
    (0, [100, 150, 350]),
    (1000, [550, 300, 120]),
    (2000, [850, 120, 25]),
];

/// Rating category (0 full, 1 most, 2 partial, 3 none) for a uniform draw `u` in `0..1000`.
fn rating_category(c: i64, u: u32) -> usize {
    let first = RATING_ANCHORS[0];
    let last = RATING_ANCHORS[RATING_ANCHORS.len() - 1];
    let p = if c <= first.0 {
        first.1
    } else if c >= last.0 {
        last.1
    } else {
        let i = RATING_ANCHORS
            .windows(2)
            .position(|w| c < w[1].0)
            .unwrap_or(0);
        let ((c0, a), (c1, b)) = (RATING_ANCHORS[i], RATING_ANCHORS[i + 1]);
        let mut p = [0; 3];
        for k in 0..3 {
            p[k] = a[k] + (b[k] - a[k]) * (c - c0) / (c1 - c0);
        }
        p
    };
    let u = i64::from(u);
    let mut bound = 0;
    for (k, pk) in p.iter().enumerate() {
        bound += pk;
        if u < bound {
            return k;
        }
    }
    3
}

/// How a rating is spelled, per mille: scale key, Chinese label, exact value as text, exact
/// value as a number (JSON number, xlsx numeric cell; text in CSV).
const SPELLING_CUMULATIVE: [u32; 3] = [850, 930, 965];
/// Share of ratings with evidence, and with a comment.
const EVIDENCE_PER_MILLE: u32 = 120;
const COMMENT_PER_MILLE: u32 = 40;
/// Share of assessments that include a sub-domain their profile excludes by default (each).
const INCLUDE_PER_MILLE: u32 = 200;
/// Share of assessments that tailor one tailorable sub-domain out.
const TAILOR_PER_MILLE: u32 = 80;

const SYSTEMS: [&str; 8] = ["MES", "ERP", "WMS", "PLM", "SCADA", "QMS", "APS", "EMS"];
const COMMENTS: [&str; 5] = [
    "已上线，待验收",
    "部分车间试点, 尚未全面推广",
    "按\"两化融合\"管理体系执行",
    "Rolled out in plant 2, not yet in plant 3",
    "见附件；详见制度汇编",
];
const DISCRETE_INDUSTRIES: [&str; 5] = [
    "汽车零部件制造",
    "通用设备制造",
    "电子元器件制造",
    "家用电器制造",
    "金属制品业",
];
const PROCESS_INDUSTRIES: [&str; 5] = [
    "化学原料和化学制品制造",
    "黑色金属冶炼和压延加工",
    "食品制造",
    "医药制造",
    "造纸和纸制品业",
];
const REGIONS: [&str; 8] = [
    "江苏省",
    "浙江省",
    "广东省",
    "山东省",
    "四川省",
    "湖北省",
    "安徽省",
    "河南省",
];

// ---------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Broken {
    Cut,
    UnknownRequirement,
    BadRating,
    MissingRating,
    UnknownProfile,
}

/// The kinds of broken records in JSON and NDJSON, in turn.
const JSON_KINDS: [Broken; 5] = [
    Broken::Cut,
    Broken::UnknownRequirement,
    Broken::BadRating,
    Broken::MissingRating,
    Broken::UnknownProfile,
];
/// The kinds of broken records in CSV and XLSX, in turn.
const TABLE_KINDS: [Broken; 4] = [
    Broken::UnknownRequirement,
    Broken::BadRating,
    Broken::MissingRating,
    Broken::UnknownProfile,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Spelling {
    Key,
    Label,
    Value,
    Number,
    Bad,
}

/// One rating of a record.
struct Rated {
    /// Requirement index in the model's layout; `None` for the unknown requirement.
    req: Option<usize>,
    /// Scale point index.
    point: usize,
    spelling: Spelling,
    evidence: Vec<String>,
    comment: Option<&'static str>,
}

/// One synthetic assessment, before it is written in a format.
struct Record {
    id: String,
    name: String,
    profile: String,
    industry: &'static str,
    region: &'static str,
    assessed_on: String,
    /// Sub-domain indexes.
    include: Vec<usize>,
    /// Sub-domain index and reason.
    tailoring: Vec<(usize, String)>,
    /// In model order (an unknown requirement last).
    ratings: Vec<Rated>,
    broken: Option<Broken>,
}

/// Everything resolved from the arguments and the model.
struct Generator<'m> {
    model: &'m Model,
    seed: u64,
    count: u64,
    broken: u64,
    format: GenFormat,
    /// Profile positions to choose from.
    profiles: Vec<usize>,
    /// Scale point of each rating category (full, most, partial, none).
    category_points: [usize; 4],
    keys: Vec<String>,
    labels: Vec<String>,
    values: Vec<String>,
    bad_rating: String,
    unknown_requirement: String,
    unknown_profile: String,
}

/// `candidate`, with `x` appended until `taken` rejects it.
fn unused(candidate: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut s = candidate.to_string();
    while taken(&s) {
        s.push('x');
    }
    s
}

/// round(count × fraction), half away from zero, for an exact fraction in [0, 1].
fn broken_count(count: u64, fraction: &str) -> Result<u64, String> {
    let bad = || {
        format!(
            "--broken `{fraction}`: expected an exact decimal or fraction from 0 to 1, like 0.05"
        )
    };
    let f: Ratio = fraction.trim().parse().map_err(|_| bad())?;
    let f = f.reduced();
    let above_one = f
        .checked_cmp(&Ratio::ONE)
        .is_none_or(|o| o == std::cmp::Ordering::Greater);
    if f.is_negative() || above_one {
        return Err(bad());
    }
    let (num, den) = (f.numer(), f.denom());
    let overflow = || format!("--broken `{fraction}`: too many digits");
    let twice = i128::from(count)
        .checked_mul(num)
        .and_then(|x| x.checked_mul(2))
        .and_then(|x| x.checked_add(den))
        .ok_or_else(overflow)?;
    let b = twice / den.checked_mul(2).ok_or_else(overflow)?;
    u64::try_from(b).map_err(|_| overflow())
}

impl<'m> Generator<'m> {
    fn new(model: &'m Model, args: &GenerateArgs) -> Result<Generator<'m>, String> {
        let broken = broken_count(args.count, &args.broken)?;
        let profiles: Vec<usize> = if args.profile == "mixed" {
            (0..model.profiles().len()).collect()
        } else {
            match model.profiles().iter().position(|p| p.id == args.profile) {
                Some(i) => vec![i],
                None => {
                    let ids: Vec<&str> = model.profiles().iter().map(|p| p.id.as_str()).collect();
                    return Err(format!(
                        "--profile `{}`: model `{}` has the profiles {}; or use `mixed`",
                        args.profile,
                        model.id(),
                        ids.join(", ")
                    ));
                }
            }
        };
        if profiles.is_empty() {
            return Err(format!("model `{}` has no profiles", model.id()));
        }
        if args.encoding.is_some_and(|e| e != TextEncoding::Utf8)
            && !matches!(args.format, GenFormat::CsvLong | GenFormat::CsvWide)
        {
            return Err("--encoding applies to csv-long and csv-wide only".into());
        }
        let scale = model.scale();
        if scale.is_empty() {
            return Err(format!("model `{}` has no rating scale", model.id()));
        }
        // Scale points from the highest value down; categories map onto them evenly.
        let mut by_value: Vec<usize> = (0..scale.len()).collect();
        by_value.sort_by(|a, b| scale[*b].value.cmp(&scale[*a].value));
        let last = by_value.len() - 1;
        let category_points = [0, 1, 2, 3].map(|c: usize| by_value[(c * last + 1) / 3]);
        let keys: Vec<String> = scale.iter().map(|p| p.key.clone()).collect();
        let labels: Vec<String> = scale.iter().map(|p| p.label.zh.to_string()).collect();
        let values: Vec<String> = scale.iter().map(|p| p.value.to_string()).collect();
        let bad_rating = unused("sometimes", |s| {
            keys.iter().any(|k| k == s) || labels.iter().any(|l| l == s)
        });
        Ok(Generator {
            model,
            seed: args.seed,
            count: args.count,
            broken,
            format: args.format,
            profiles,
            category_points,
            keys,
            labels,
            values,
            bad_rating,
            unknown_requirement: unused("data.9.z", |s| model.requirement_index(s).is_some()),
            unknown_profile: unused("hybrid", |s| model.profile(s).is_some()),
        })
    }

    /// The broken kind of record `index` (from 0), if it is one of the evenly spread broken
    /// records.
    fn broken_kind(&self, index: u64) -> Option<Broken> {
        if self.broken == 0 {
            return None;
        }
        let (b, n, i) = (
            u128::from(self.broken),
            u128::from(self.count),
            u128::from(index),
        );
        let before = i * b / n;
        if (i + 1) * b / n == before {
            return None;
        }
        // `before` < b ≤ u64::MAX.
        let ordinal = before as usize;
        Some(if self.format.is_json() {
            JSON_KINDS[ordinal % JSON_KINDS.len()]
        } else {
            TABLE_KINDS[ordinal % TABLE_KINDS.len()]
        })
    }

    /// Record `index` (from 0; its number and id count from 1).
    fn record(&self, index: u64) -> Record {
        let number = index + 1;
        let model = self.model;
        let layout = model.layout();
        let mut rng = Rng::new(self.seed, number, 1);

        let p = if self.profiles.len() == 1 {
            self.profiles[0]
        } else {
            rng.pick(&self.profiles)
        };
        let profile = &model.profiles()[p];
        let pindex = model
            .profile(&profile.id)
            .map(|(_, i)| i)
            .expect("a profile listed by the model resolves to its index");
        let mut in_scope: Vec<bool> = pindex.excluded_by_default.iter().map(|x| !x).collect();
        let mut include = Vec::new();
        for (s, excluded) in pindex.excluded_by_default.iter().enumerate() {
            if *excluded && rng.per_mille() < INCLUDE_PER_MILLE {
                include.push(s);
                in_scope[s] = true;
            }
        }
        let mut tailoring = Vec::new();
        if rng.per_mille() < TAILOR_PER_MILLE {
            let candidates: Vec<usize> = (0..in_scope.len())
                .filter(|s| in_scope[*s] && pindex.tailorable[*s])
                .collect();
            if !candidates.is_empty() {
                let s = rng.pick(&candidates);
                let name = layout.sub_domains[s].name.zh.replace([';', '='], "、");
                let reason = match rng.below(3) {
                    0 => format!("本企业无{name}业务，该子域不适用"),
                    1 => format!("{name}由集团总部统一负责，不在本次评估范围"),
                    _ => format!("产品特性决定无需开展{name}"),
                };
                tailoring.push((s, reason));
                in_scope[s] = false;
            }
        }
        let industry = if profile.id.contains("process") {
            rng.pick(&PROCESS_INDUSTRIES)
        } else {
            rng.pick(&DISCRETE_INDUSTRIES)
        };
        let region = rng.pick(&REGIONS);
        let assessed_on = format!("2026-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));

        // Latent maturity L + f, in thousandths of a level, and a shift per sub-domain.
        let u = rng.per_mille();
        let target = LEVEL_CUMULATIVE
            .iter()
            .position(|c| u < *c)
            .unwrap_or(LEVEL_CUMULATIVE.len() - 1)
            .min(usize::from(model.level_count()));
        let latent = 1000 * target as i64 + rng.below(1000) as i64;
        let shifts: Vec<i64> = (0..layout.sub_domains.len())
            .map(|_| rng.below(601) as i64 - 300)
            .collect();

        let mut rng = Rng::new(self.seed, number, 2);
        let mut ratings = Vec::new();
        for (r, q) in layout.requirements.iter().enumerate() {
            if !in_scope[q.sub_domain] {
                continue;
            }
            let c = latent + 1000 - 1000 * i64::from(q.level) + shifts[q.sub_domain];
            let point = self.category_points[rating_category(c, rng.per_mille())];
            let u = rng.per_mille();
            let spelling = match SPELLING_CUMULATIVE.iter().position(|b| u < *b) {
                Some(0) => Spelling::Key,
                Some(1) => Spelling::Label,
                Some(_) => Spelling::Value,
                None => Spelling::Number,
            };
            let mut evidence = Vec::new();
            if rng.per_mille() < EVIDENCE_PER_MILLE {
                evidence.push(format!("DOC-{number}-{r}"));
                if rng.below(2) == 1 {
                    evidence.push(rng.pick(&SYSTEMS).to_string());
                }
            }
            let comment = (rng.per_mille() < COMMENT_PER_MILLE).then(|| rng.pick(&COMMENTS));
            ratings.push(Rated {
                req: Some(r),
                point,
                spelling,
                evidence,
                comment,
            });
        }

        let mut record = Record {
            id: format!("SYN-{}-{number:07}", self.seed),
            name: format!("合成企业 {number}"),
            profile: profile.id.to_string(),
            industry,
            region,
            assessed_on,
            include,
            tailoring,
            ratings,
            broken: None,
        };
        if let Some(kind) = self.broken_kind(index) {
            self.break_record(&mut record, kind, &mut Rng::new(self.seed, number, 3));
        }
        record
    }

    fn break_record(&self, record: &mut Record, kind: Broken, rng: &mut Rng) {
        // Every profile scopes in some requirement in a valid model; should none be rated,
        // an unknown profile still breaks the record.
        let kind = match kind {
            Broken::BadRating | Broken::MissingRating if record.ratings.is_empty() => {
                Broken::UnknownProfile
            }
            k => k,
        };
        record.broken = Some(kind);
        match kind {
            Broken::Cut => {}
            Broken::UnknownRequirement => record.ratings.push(Rated {
                req: None,
                point: self.category_points[0],
                spelling: Spelling::Key,
                evidence: Vec::new(),
                comment: None,
            }),
            Broken::BadRating => {
                let k = rng.below_usize(record.ratings.len());
                record.ratings[k].spelling = Spelling::Bad;
            }
            Broken::MissingRating => {
                let k = rng.below_usize(record.ratings.len());
                record.ratings.remove(k);
            }
            Broken::UnknownProfile => record.profile = self.unknown_profile.clone(),
        }
    }

    fn requirement_id(&self, rated: &Rated) -> &str {
        match rated.req {
            Some(r) => &self.model.layout().requirements[r].id,
            None => self.unknown_requirement.as_str(),
        }
    }

    fn rating_cell(&self, rated: &Rated) -> Cell<'_> {
        let p = rated.point;
        match rated.spelling {
            Spelling::Key => Cell::Text(&self.keys[p]),
            Spelling::Label => Cell::Text(&self.labels[p]),
            Spelling::Value => Cell::Text(&self.values[p]),
            Spelling::Number => Cell::Number(&self.values[p]),
            Spelling::Bad => Cell::Text(&self.bad_rating),
        }
    }

    // -----------------------------------------------------------------------------------
    // JSON
    // -----------------------------------------------------------------------------------

    /// The record as one line of compact JSON (without the newline).
    fn json_record(&self, rec: &Record, out: &mut Vec<u8>) {
        let subs = &self.model.layout().sub_domains;
        // A record "cut" inside a JSON array loses its ratings but stays valid JSON, so the
        // array (and every other record in it) remains readable.
        let cut_in_array = rec.broken == Some(Broken::Cut) && self.format == GenFormat::Json;
        let json = JsonRecord {
            model: self.model.id(),
            id: &rec.id,
            profile: &rec.profile,
            enterprise: JsonEnterprise {
                name: &rec.name,
                industry: rec.industry,
                region: rec.region,
            },
            assessed_on: &rec.assessed_on,
            tailoring: rec
                .tailoring
                .iter()
                .map(|(s, reason)| JsonTailoring {
                    sub_domain: &subs[*s].id,
                    reason,
                })
                .collect(),
            include: rec.include.iter().map(|s| &*subs[*s].id).collect(),
            ratings: (!cut_in_array).then_some(JsonRatings { gen: self, rec }),
        };
        let start = out.len();
        // Plain data with string keys serializes.
        serde_json::to_writer(&mut *out, &json).expect("a record serializes");
        if rec.broken == Some(Broken::Cut) && !cut_in_array {
            // NDJSON: the line cut in half. A strict prefix of an object is never valid JSON.
            let mut half = start + (out.len() - start) / 2;
            while std::str::from_utf8(&out[start..half]).is_err() {
                half -= 1;
            }
            out.truncate(half);
        }
    }

    /// Writes NDJSON, JSON or CSV.
    fn write_text(&self, out: &mut dyn Write, encoding: TextEncoding) -> Result<(), String> {
        let io = |e: std::io::Error| format!("cannot write: {e}");
        match self.format {
            GenFormat::Ndjson | GenFormat::Json => {
                let array = self.format == GenFormat::Json;
                if array {
                    out.write_all(b"[").map_err(io)?;
                }
                let mut line = Vec::new();
                for i in 0..self.count {
                    line.clear();
                    if array && i > 0 {
                        line.push(b',');
                    }
                    if array {
                        line.push(b'\n');
                    }
                    self.json_record(&self.record(i), &mut line);
                    if !array {
                        line.push(b'\n');
                    }
                    out.write_all(&line).map_err(io)?;
                }
                if array {
                    out.write_all(b"\n]\n").map_err(io)?;
                }
                Ok(())
            }
            GenFormat::CsvLong | GenFormat::CsvWide => {
                if encoding == TextEncoding::Utf8Bom {
                    out.write_all("\u{feff}".as_bytes()).map_err(io)?;
                }
                let mut sheet = CsvSheet {
                    csv: csv::WriterBuilder::new()
                        .terminator(csv::Terminator::Any(b'\n'))
                        .from_writer(Encoded {
                            out,
                            gbk: encoding == TextEncoding::Gbk,
                            row: Vec::new(),
                        }),
                };
                self.write_table(&mut sheet, self.format == GenFormat::CsvWide)
            }
            GenFormat::XlsxLong | GenFormat::XlsxWide => {
                Err("xlsx is written by write_xlsx".to_string())
            }
        }
    }

    // -----------------------------------------------------------------------------------
    // Tables: CSV and XLSX
    // -----------------------------------------------------------------------------------

    /// Writes the long (one row per rating) or wide (one row per assessment) layout.
    fn write_table(&self, sheet: &mut dyn Sheet, wide: bool) -> Result<(), String> {
        let layout = self.model.layout();
        let subs = &layout.sub_domains;
        let unknown_column = wide
            && TABLE_KINDS
                .iter()
                .take(usize::try_from(self.broken).unwrap_or(usize::MAX))
                .any(|k| *k == Broken::UnknownRequirement);
        let mut header: Vec<Cell<'_>> = if wide {
            [
                "assessment_id",
                "profile",
                "enterprise_name",
                "include",
                "tailoring",
            ]
            .into_iter()
            .map(Cell::Text)
            .collect()
        } else {
            [
                "assessment_id",
                "profile",
                "enterprise_name",
                "requirement_id",
                "rating",
                "evidence",
                "comment",
                "include",
                "tailoring",
            ]
            .into_iter()
            .map(Cell::Text)
            .collect()
        };
        if wide {
            header.extend(layout.requirements.iter().map(|q| Cell::Text(&q.id)));
            if unknown_column {
                header.push(Cell::Text(&self.unknown_requirement));
            }
        }
        sheet.row(&header)?;

        let fixed = 5;
        for i in 0..self.count {
            let rec = self.record(i);
            let include = rec
                .include
                .iter()
                .map(|s| &*subs[*s].id)
                .collect::<Vec<_>>()
                .join(";");
            let mut tailoring = String::new();
            for (k, (s, reason)) in rec.tailoring.iter().enumerate() {
                if k > 0 {
                    tailoring.push(';');
                }
                let _ = write!(tailoring, "{}={reason}", subs[*s].id);
            }
            if wide {
                let mut cells = Vec::with_capacity(header.len());
                cells.extend([
                    Cell::Text(&rec.id),
                    Cell::Text(&rec.profile),
                    Cell::Text(&rec.name),
                    Cell::Text(&include),
                    Cell::Text(&tailoring),
                ]);
                cells.resize(header.len(), Cell::Text(""));
                for rated in &rec.ratings {
                    let col = match rated.req {
                        Some(r) => fixed + r,
                        None => header.len() - 1,
                    };
                    cells[col] = self.rating_cell(rated);
                }
                sheet.row(&cells)?;
            } else {
                for rated in &rec.ratings {
                    let evidence = rated.evidence.join(";");
                    sheet.row(&[
                        Cell::Text(&rec.id),
                        Cell::Text(&rec.profile),
                        Cell::Text(&rec.name),
                        Cell::Text(self.requirement_id(rated)),
                        self.rating_cell(rated),
                        Cell::Text(&evidence),
                        Cell::Text(rated.comment.unwrap_or("")),
                        Cell::Text(&include),
                        Cell::Text(&tailoring),
                    ])?;
                }
            }
        }
        Ok(())
    }

    /// Writes an xlsx workbook with one worksheet, `assessments`, row by row (constant
    /// memory).
    fn write_xlsx(&self, path: &Path) -> Result<(), String> {
        let xlsx = |e: rust_xlsxwriter::XlsxError| format!("cannot write xlsx: {e}");
        let mut workbook = rust_xlsxwriter::Workbook::new();
        {
            let worksheet = workbook
                .add_worksheet_with_constant_memory()
                .map_err(xlsx)?;
            worksheet.set_name("assessments").map_err(xlsx)?;
            let mut sheet = XlsxSheet { worksheet, row: 0 };
            self.write_table(&mut sheet, self.format == GenFormat::XlsxWide)?;
        }
        workbook.save(path).map_err(xlsx)
    }
}

/// An assessment as JSON (the assessment file's shape, crates/cmmm-model/src/assessment.rs).
#[derive(Serialize)]
struct JsonRecord<'a> {
    model: &'a str,
    id: &'a str,
    profile: &'a str,
    enterprise: JsonEnterprise<'a>,
    assessed_on: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tailoring: Vec<JsonTailoring<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    include: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ratings: Option<JsonRatings<'a>>,
}

#[derive(Serialize)]
struct JsonEnterprise<'a> {
    name: &'a str,
    industry: &'a str,
    region: &'a str,
}

#[derive(Serialize)]
struct JsonTailoring<'a> {
    sub_domain: &'a str,
    reason: &'a str,
}

/// The ratings of a record, in its order: a bare rating, or `{rating, evidence, comment}`.
struct JsonRatings<'a> {
    gen: &'a Generator<'a>,
    rec: &'a Record,
}

impl Serialize for JsonRatings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Answer<'a> {
            rating: Cell<'a>,
            #[serde(skip_serializing_if = "<[_]>::is_empty")]
            evidence: &'a [String],
            #[serde(skip_serializing_if = "Option::is_none")]
            comment: Option<&'a str>,
        }
        let mut map = serializer.serialize_map(Some(self.rec.ratings.len()))?;
        for rated in &self.rec.ratings {
            let key = self.gen.requirement_id(rated);
            let rating = self.gen.rating_cell(rated);
            if rated.evidence.is_empty() && rated.comment.is_none() {
                map.serialize_entry(key, &rating)?;
            } else {
                let answer = Answer {
                    rating,
                    evidence: &rated.evidence,
                    comment: rated.comment,
                };
                map.serialize_entry(key, &answer)?;
            }
        }
        map.end()
    }
}

impl Serialize for Cell<'_> {
    /// Text as a JSON string, a number as a JSON number of the same digits.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Text(s) => serializer.serialize_str(s),
            Cell::Number(s) => match s.parse::<serde_json::Number>() {
                Ok(n) => n.serialize(serializer),
                Err(_) => serializer.serialize_str(s),
            },
        }
    }
}

/// A table cell: text (empty = blank), or an exact value written as a number where the
/// format has numbers (xlsx).
#[derive(Clone, Copy)]
enum Cell<'a> {
    Text(&'a str),
    Number(&'a str),
}

impl<'a> Cell<'a> {
    fn text(&self) -> &'a str {
        match self {
            Cell::Text(s) | Cell::Number(s) => s,
        }
    }
}

/// Where table rows go.
trait Sheet {
    fn row(&mut self, cells: &[Cell<'_>]) -> Result<(), String>;
}

/// CSV rows (the csv crate: a field quoted when it needs it, `\n` after each row), encoded
/// as UTF-8 or GBK.
struct CsvSheet<'o> {
    csv: csv::Writer<Encoded<'o>>,
}

impl Sheet for CsvSheet<'_> {
    fn row(&mut self, cells: &[Cell<'_>]) -> Result<(), String> {
        self.csv
            .write_record(cells.iter().map(Cell::text))
            .map_err(|e| format!("cannot write: {e}"))?;
        self.csv.flush().map_err(|e| format!("cannot write: {e}"))
    }
}

/// What the csv writer writes, collected and encoded a whole row at a time, when it flushes
/// (so that no character is split between two encodings).
struct Encoded<'o> {
    out: &'o mut dyn Write,
    gbk: bool,
    row: Vec<u8>,
}

impl Write for Encoded<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.row.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.gbk {
            // The csv crate writes what it is given: UTF-8 text in, UTF-8 out.
            let text = String::from_utf8_lossy(&self.row);
            let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
            if unmappable {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("{:?} cannot be written in GBK", text.trim_end()),
                ));
            }
            self.out.write_all(&bytes)?;
        } else {
            self.out.write_all(&self.row)?;
        }
        self.row.clear();
        Ok(())
    }
}

/// The most rows and columns of an xlsx worksheet.
const XLSX_MAX_ROWS: u32 = 1_048_576;
const XLSX_MAX_COLUMNS: usize = 16_384;

struct XlsxSheet<'w> {
    worksheet: &'w mut rust_xlsxwriter::Worksheet,
    row: u32,
}

impl Sheet for XlsxSheet<'_> {
    fn row(&mut self, cells: &[Cell<'_>]) -> Result<(), String> {
        if self.row >= XLSX_MAX_ROWS {
            return Err(format!(
                "an xlsx worksheet holds at most {XLSX_MAX_ROWS} rows; write fewer records, or use xlsx-wide or csv-long"
            ));
        }
        if cells.len() > XLSX_MAX_COLUMNS {
            return Err(format!(
                "an xlsx worksheet holds at most {XLSX_MAX_COLUMNS} columns; this model needs {}",
                cells.len()
            ));
        }
        let xlsx = |e: rust_xlsxwriter::XlsxError| format!("cannot write xlsx: {e}");
        for (col, cell) in cells.iter().enumerate() {
            // Checked against XLSX_MAX_COLUMNS above.
            let col = col as u16;
            match *cell {
                Cell::Text("") => {}
                Cell::Text(s) => {
                    self.worksheet
                        .write_string(self.row, col, s)
                        .map_err(xlsx)?;
                }
                // A scale value like 0.8 becomes the nearest double, as any spreadsheet keeps
                // it; its shortest form reads back as the same digits.
                Cell::Number(s) => match s.parse::<f64>() {
                    Ok(v) => {
                        self.worksheet
                            .write_number(self.row, col, v)
                            .map_err(xlsx)?;
                    }
                    Err(_) => {
                        self.worksheet
                            .write_string(self.row, col, s)
                            .map_err(xlsx)?;
                    }
                },
            }
        }
        self.row += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cmmm_score::{parse_assessment, Options, Scorer};

    fn args(format: GenFormat, count: u64, seed: u64, broken: &str) -> GenerateArgs {
        GenerateArgs {
            count,
            seed,
            model: None,
            format,
            broken: broken.into(),
            profile: "mixed".into(),
            encoding: None,
            out: PathBuf::from("unused"),
        }
    }

    fn generator(a: &GenerateArgs) -> Generator<'static> {
        Generator::new(Model::gbt39116_2020(), a).unwrap_or_else(|e| panic!("{e}"))
    }

    fn bytes(a: &GenerateArgs) -> Vec<u8> {
        let mut out = Vec::new();
        generator(a)
            .write_text(&mut out, a.encoding.unwrap_or(TextEncoding::Utf8))
            .expect("writing to memory succeeds");
        out
    }

    /// Parses and scores one assessment text; `Ok(level)` or the error code.
    fn score(scorer: &Scorer<'_>, json: &str) -> Result<u8, String> {
        let a = parse_assessment(json).map_err(|e| e.code().to_string())?;
        let outcome = scorer
            .score(&a, &Options::default())
            .map_err(|e| e.code().to_string())?;
        Ok(outcome.level)
    }

    #[test]
    fn generate_is_deterministic_per_seed() {
        for format in [
            GenFormat::Ndjson,
            GenFormat::Json,
            GenFormat::CsvLong,
            GenFormat::CsvWide,
        ] {
            let a = bytes(&args(format, 40, 7, "0.1"));
            let b = bytes(&args(format, 40, 7, "0.1"));
            let c = bytes(&args(format, 40, 8, "0.1"));
            assert_eq!(a, b, "{format:?}");
            // Not only the ids differ.
            let a = String::from_utf8(a)
                .expect("utf-8")
                .replace("SYN-7-", "SYN-8-");
            assert_ne!(a.as_bytes(), c, "{format:?}");
        }
    }

    #[test]
    fn generate_broken_count_is_exact_and_spread() {
        for (count, fraction, expected) in [
            (1000, "0.05", 50),
            (7, "0.5", 4),
            (5, "0.1", 1),
            (3, "1/3", 1),
            (10, "0", 0),
            (10, "1", 10),
            (10, "1.0", 10),
            (0, "0.5", 0),
            (u64::MAX, "1", u64::MAX),
        ] {
            assert_eq!(
                broken_count(count, fraction),
                Ok(expected),
                "{count} × {fraction}"
            );
        }
        for bad in ["1.5", "-0.1", "abc", "0.1e2", "", "5/4"] {
            assert!(broken_count(10, bad).is_err(), "{bad}");
        }
        for (count, fraction) in [(1000, "0.05"), (17, "0.3"), (9, "1"), (100, "0.99")] {
            let g = generator(&args(GenFormat::CsvWide, count, 1, fraction));
            let kinds: Vec<Broken> = (0..count).filter_map(|i| g.broken_kind(i)).collect();
            assert_eq!(kinds.len() as u64, g.broken);
            for (j, k) in kinds.iter().enumerate() {
                assert_eq!(*k, TABLE_KINDS[j % TABLE_KINDS.len()]);
            }
        }
    }

    #[test]
    fn generate_ndjson_scores_except_the_broken_and_spreads_levels() {
        let a = args(GenFormat::Ndjson, 2000, 1, "0.05");
        let g = generator(&a);
        let text = String::from_utf8(bytes(&a)).expect("utf-8");
        let scorer = Scorer::new(Model::gbt39116_2020());
        let mut levels = [0u32; 6];
        let mut failed = 0;
        let mut codes = std::collections::BTreeMap::new();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2000);
        for (i, line) in lines.iter().enumerate() {
            match (g.broken_kind(i as u64), score(&scorer, line)) {
                (None, Ok(level)) => levels[usize::from(level)] += 1,
                (None, Err(code)) => panic!("record {} fails: {code}", i + 1),
                (Some(kind), Ok(_)) => panic!("broken record {} ({kind:?}) scores", i + 1),
                (Some(kind), Err(code)) => {
                    failed += 1;
                    codes.insert(format!("{kind:?}"), code);
                }
            }
        }
        assert_eq!(failed, 100);
        assert_eq!(codes.len(), 5, "{codes:?}");
        eprintln!("levels 0..=5 of 1900 records: {levels:?}; errors: {codes:?}");
        assert!(levels[..=4].iter().all(|n| *n > 0), "{levels:?}");
    }

    #[test]
    fn generate_json_array_keeps_every_record() {
        let a = args(GenFormat::Json, 200, 3, "0.1");
        let g = generator(&a);
        let text = String::from_utf8(bytes(&a)).expect("utf-8");
        let items: Vec<serde_json::Value> = serde_json::from_str(&text).expect("a JSON array");
        assert_eq!(items.len(), 200);
        let scorer = Scorer::new(Model::gbt39116_2020());
        for (i, item) in items.iter().enumerate() {
            let result = score(&scorer, &item.to_string());
            assert_eq!(
                result.is_err(),
                g.broken_kind(i as u64).is_some(),
                "record {}: {result:?}",
                i + 1
            );
        }
        assert_eq!(bytes(&args(GenFormat::Json, 0, 1, "0")), b"[\n]\n".to_vec());
    }

    /// Reads a generated CSV back the way README's batch layouts describe, one assessment
    /// per id, as JSON assessment texts in order.
    fn read_csv(text: &str, wide: bool) -> Vec<String> {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .expect("a header")
            .iter()
            .map(String::from)
            .collect();
        let col = |name: &str| header.iter().position(|h| h == name).expect(name);
        let mut out: Vec<(String, serde_json::Value)> = Vec::new();
        for row in reader.records() {
            let row = row.expect("a CSV row");
            let id = row[col("assessment_id")].to_string();
            if out.last().is_none_or(|(last, _)| *last != id) {
                let split = |s: &str| -> Vec<String> {
                    s.split(';')
                        .filter(|x| !x.is_empty())
                        .map(String::from)
                        .collect()
                };
                let tailoring: Vec<serde_json::Value> = split(&row[col("tailoring")])
                    .iter()
                    .map(|t| {
                        let (s, r) = t.split_once('=').expect("sub_domain=reason");
                        serde_json::json!({"sub_domain": s, "reason": r})
                    })
                    .collect();
                out.push((
                    id.clone(),
                    serde_json::json!({
                        "id": id,
                        "profile": &row[col("profile")],
                        "enterprise": {"name": &row[col("enterprise_name")]},
                        "include": split(&row[col("include")]),
                        "tailoring": tailoring,
                        "ratings": {},
                    }),
                ));
            }
            let ratings = out.last_mut().expect("pushed above").1["ratings"]
                .as_object_mut()
                .expect("an object");
            if wide {
                for (h, cell) in header.iter().zip(row.iter()).skip(5) {
                    if !cell.is_empty() {
                        ratings.insert(h.clone(), cell.into());
                    }
                }
            } else {
                ratings.insert(
                    row[col("requirement_id")].to_string(),
                    row[col("rating")].into(),
                );
            }
        }
        out.into_iter().map(|(_, v)| v.to_string()).collect()
    }

    #[test]
    fn generate_csv_layouts_read_back_and_score() {
        let scorer = Scorer::new(Model::gbt39116_2020());
        for (format, wide) in [(GenFormat::CsvWide, true), (GenFormat::CsvLong, false)] {
            let a = args(format, 120, 5, "0.1");
            let g = generator(&a);
            let text = String::from_utf8(bytes(&a)).expect("utf-8");
            let first = text.lines().next().expect("a header");
            if wide {
                assert!(first.starts_with(
                    "assessment_id,profile,enterprise_name,include,tailoring,org-strategy.1.a,"
                ));
                assert!(
                    first.ends_with(",data.9.z"),
                    "the unknown requirement's column"
                );
            } else {
                assert_eq!(
                    first,
                    "assessment_id,profile,enterprise_name,requirement_id,rating,evidence,comment,include,tailoring"
                );
            }
            let records = read_csv(&text, wide);
            assert_eq!(records.len(), 120, "{format:?}");
            for (i, json) in records.iter().enumerate() {
                let result = score(&scorer, json);
                assert_eq!(
                    result.is_err(),
                    g.broken_kind(i as u64).is_some(),
                    "{format:?} record {}: {result:?}",
                    i + 1
                );
            }
        }
    }

    #[test]
    fn generate_csv_encodings() {
        let mut a = args(GenFormat::CsvLong, 3, 1, "0");
        let plain = bytes(&a);
        a.encoding = Some(TextEncoding::Utf8Bom);
        let bom = bytes(&a);
        assert_eq!(&bom[..3], b"\xef\xbb\xbf");
        assert_eq!(&bom[3..], &plain[..]);
        a.encoding = Some(TextEncoding::Gbk);
        let gbk = bytes(&a);
        assert_ne!(gbk, plain);
        let (decoded, had_errors) = encoding_rs::GBK.decode_without_bom_handling(&gbk);
        assert!(!had_errors);
        assert_eq!(decoded.as_bytes(), &plain[..]);
        assert!(String::from_utf8(plain)
            .expect("utf-8")
            .contains("合成企业 1"));

        let mut json = args(GenFormat::Json, 3, 1, "0");
        json.encoding = Some(TextEncoding::Gbk);
        assert!(Generator::new(Model::gbt39116_2020(), &json).is_err());
    }

    #[test]
    fn generate_profiles() {
        let mut a = args(GenFormat::Ndjson, 300, 2, "0");
        a.profile = "process".into();
        let text = String::from_utf8(bytes(&a)).expect("utf-8");
        let scorer = Scorer::new(Model::gbt39116_2020());
        let (mut include, mut tailoring) = (0, 0);
        for line in text.lines() {
            let parsed = parse_assessment(line).expect("parses");
            assert_eq!(parsed.profile, "process");
            assert_eq!(parsed.model.as_deref(), Some("gbt39116-2020"));
            let has_design = parsed.ratings.get("product-design.1.a").is_some();
            assert_eq!(has_design, parsed.include == ["product-design"]);
            include += usize::from(!parsed.include.is_empty());
            tailoring += usize::from(!parsed.tailoring.is_empty());
            scorer.score(&parsed, &Options::default()).expect("scores");
        }
        assert!(include > 0 && tailoring > 0, "{include} {tailoring}");

        a.profile = "mixed".into();
        let text = String::from_utf8(bytes(&a)).expect("utf-8");
        let process = text.matches("\"profile\":\"process\"").count();
        assert!(process > 50 && process < 250, "{process}");

        a.profile = "semi".into();
        assert!(Generator::new(Model::gbt39116_2020(), &a).is_err());
    }

    #[test]
    fn generate_xlsx() {
        use calamine::{open_workbook, Data, Reader, Xlsx};
        let dir = std::env::temp_dir().join(format!("cmmm-generate-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        for (format, count) in [(GenFormat::XlsxWide, 60), (GenFormat::XlsxLong, 4)] {
            let mut a = args(format, count, 9, "0.25");
            a.out = dir.join(format!("{}.xlsx", format.name()));
            run(&a).unwrap_or_else(|e| panic!("{e}"));
            let mut book: Xlsx<_> = open_workbook(&a.out).expect("an xlsx file");
            let range = book.worksheet_range("assessments").expect("the worksheet");
            let rows: Vec<&[Data]> = range.rows().collect();
            assert_eq!(rows[0][0], Data::String("assessment_id".into()));
            let ids: std::collections::BTreeSet<String> =
                rows[1..].iter().map(|r| r[0].to_string()).collect();
            assert_eq!(ids.len() as u64, count);
            if format == GenFormat::XlsxWide {
                assert_eq!(rows.len() as u64, count + 1);
                assert!(rows
                    .iter()
                    .flat_map(|r| r.iter())
                    .any(|c| matches!(c, Data::Float(_))));
                assert!(rows
                    .iter()
                    .flat_map(|r| r.iter())
                    .any(|c| *c == Data::Empty));
            }
        }
        std::fs::remove_dir_all(&dir).expect("removes the temporary directory");
    }
}
