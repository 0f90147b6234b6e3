// A TypeScript consumer of the npm package `cmmm`, checked with `tsc --noEmit` (strict) by
// scripts/test.sh under both Node (nodenext) and bundler module resolution: the declarations
// must type every use below, and none of them may be `any` (the test also greps for it).
import init, { Model, model, radar, score, template, version } from "cmmm";
import type {
  Assessment,
  CmmmError,
  FormView,
  Gap,
  Lang,
  LevelScore,
  ModelDoc,
  Outcome,
  Score,
  ScoreOptions,
  SourceStatus,
  Text,
  ViewOptions,
} from "cmmm";

// A type that is `any` makes this `true`, so `NotAny` rejects it at compile time.
type IsAny<T> = 0 extends 1 & T ? true : false;
type NotAny<T> = IsAny<T> extends true ? never : T;
function typed<T>(value: NotAny<T>): T {
  return value;
}

export async function main(text: string): Promise<string> {
  await init();
  const v: string = typed(version());
  const doc: ModelDoc = typed(model());
  const status: SourceStatus = doc.provenance.requirements.status;
  const names: string[] = doc.elements.flatMap((e) => e.domains.flatMap((d) => d.sub_domains.map((s) => s.name.en ?? s.name.zh)));

  const blank: Assessment = typed(template("discrete"));
  for (const id of Object.keys(blank.ratings)) blank.ratings[id] = "full";
  blank.tailoring = [{ sub_domain: "product-service", reason: "no services" }];

  const options: ScoreOptions = { allowMissing: true, target: 3 };
  const fromText: Outcome = typed(score(text));
  const result: Outcome = typed(score(blank, null, options));
  const total: Score = result.total;
  const levels: string[] = result.levels.map((l: LevelScore) => `T(${l.level}) = ${l.score}`);
  const name: Text = doc.levels[result.level - 1]?.name ?? doc.below_first_level;
  const met: boolean = result.meets_level_2;
  const thresholds: (boolean | null)[] = Object.values(result.thresholds);
  const own: number[] = Object.values(result.sub_domain_levels);
  const gaps: Gap[] = result.gaps?.items ?? [];
  const gain: Score | undefined = gaps[0]?.gain_total;
  const lang: Lang = "zh";
  const chart: string = typed(radar(result, lang));
  // @ts-expect-error: the language is "zh" or "en".
  radar(result, "fr");

  const m = new Model(JSON.stringify(doc));
  try {
    const again: Outcome = typed(m.score(blank, { allowMissing: false }));
    const json: string = typed(m.scoreJson(text));
    const id: string = m.id;
    const svg: string = typed(m.radar(again, "en"));
    const viewOptions: ViewOptions = { lang: "zh", top: 5 };
    const view: FormView = typed(m.view(blank, viewOptions));
    const progress: string[] = view.progress.map((p) => `${p.sub_domain} ${p.rated}/${p.requirements}`);
    const pending: string[] = view.pending.map((p) => p.field);
    const drawn: string = view.radar;
    const level: number = view.result.level;
    const shownTotal: string = view.shown.total;
    void [again, json, id, svg, progress, pending, drawn, level, shownTotal, m.doc().levels.length, m.template("process").profile];
  } finally {
    m.free();
  }

  try {
    score({ profile: "discrete", ratings: { "data.2.a": 0.8, "data.2.b": { rating: "most", evidence: ["E1"] } } });
  } catch (e) {
    const error = e as CmmmError;
    const where: string = `${error.code} at ${error.location}`;
    void where;
  }

  // @ts-expect-error: a rating is a string or a number.
  const wrong: Assessment = { profile: "discrete", ratings: { x: true } };
  void [v, status, names, fromText, levels, name, met, thresholds, own, gain, chart, wrong];
  return `${result.level} ${name.zh} ${total}`;
}
