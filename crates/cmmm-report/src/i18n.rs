//! Every text of the reports and charts, in Chinese and English. Names of model parts,
//! levels, scale points and programmes come from the model and programme data, not from
//! here.

use cmmm_model::{Lang, SourceStatus, TotalRule};

/// The fixed texts of one language.
pub struct Words {
    zh: bool,
    pub html_lang: &'static str,
    pub list_sep: &'static str,
    pub colon: &'static str,
    pub report_title: &'static str,
    pub unnamed: &'static str,
    pub self_assessed_title: &'static str,
    pub self_assessed_text: &'static str,
    pub unofficial_title: &'static str,
    pub part_structure: &'static str,
    pub part_requirements: &'static str,
    pub part_method: &'static str,
    pub part_weights: &'static str,
    pub level: &'static str,
    pub maturity: &'static str,
    pub total_s: &'static str,
    pub meets_level_2: &'static str,
    pub meets_level_2_note: &'static str,
    pub target_level: &'static str,
    pub target_reached: &'static str,
    pub top_level_reached: &'static str,
    pub ladder_title: &'static str,
    pub radar_title: &'static str,
    pub glance_title: &'static str,
    pub glance_reading: &'static str,
    pub progress_title: &'static str,
    pub progress_chart_title: &'static str,
    pub progress_matrix_title: &'static str,
    pub progress_matrix_note: &'static str,
    pub progress_moved_title: &'static str,
    pub assessee_title: &'static str,
    pub enterprise: &'static str,
    pub enterprise_code: &'static str,
    pub industry: &'static str,
    pub region: &'static str,
    pub assessment_id: &'static str,
    pub assessed_on: &'static str,
    pub assessor: &'static str,
    pub profile: &'static str,
    pub scope: &'static str,
    pub scope_title: &'static str,
    pub scope_full: &'static str,
    pub scope_intro: &'static str,
    pub tailored_out: &'static str,
    pub excluded: &'static str,
    pub excluded_reason: &'static str,
    pub included: &'static str,
    pub included_reason: &'static str,
    pub provenance_title: &'static str,
    pub status_legend: &'static str,
    pub result_title: &'static str,
    pub result_level_intro: &'static str,
    pub level_scores_title: &'static str,
    pub bands_title: &'static str,
    pub thresholds_title: &'static str,
    pub met: &'static str,
    pub not_met: &'static str,
    pub no_published_level: &'static str,
    pub sub_domains_title: &'static str,
    pub strengths_title: &'static str,
    pub gaps_title: &'static str,
    pub further_gaps_title: &'static str,
    pub gains_note: &'static str,
    pub figures_reading: &'static str,
    pub requirements_title: &'static str,
    pub requirements_intro: &'static str,
    pub texts_unofficial: &'static str,
    pub not_rated: &'static str,
    pub not_rated_scored_none: &'static str,
    pub met_counted: &'static str,
    pub short_counted: &'static str,
    pub not_counted: &'static str,
    pub met_not_counted: &'static str,
    pub not_met_not_counted: &'static str,
    pub s_on_bands: &'static str,
    pub not_applicable_mark: &'static str,
    pub col_item: &'static str,
    pub col_value: &'static str,
    pub col_level_score: &'static str,
    pub col_score: &'static str,
    pub col_name: &'static str,
    pub col_before: &'static str,
    pub col_after: &'static str,
    pub col_change: &'static str,
    pub col_sub_domain: &'static str,
    pub col_sub_level: &'static str,
    pub col_requirement: &'static str,
    pub col_level: &'static str,
    pub col_scope: &'static str,
    pub col_reason: &'static str,
    pub col_part: &'static str,
    pub col_status: &'static str,
    pub col_source: &'static str,
    pub col_counted: &'static str,
    pub col_range: &'static str,
    pub col_programme: &'static str,
    pub col_year: &'static str,
    pub col_minimum: &'static str,
    pub col_self_ok: &'static str,
    pub col_met: &'static str,
    pub col_conditions: &'static str,
    pub col_now: &'static str,
    pub col_text: &'static str,
    pub col_rating: &'static str,
    pub col_evidence: &'static str,
    pub col_comment: &'static str,
    pub col_rated_by: &'static str,
    pub col_file: &'static str,
    pub col_bytes: &'static str,
    pub raters_title: &'static str,
    pub evidence_title: &'static str,
    pub evidence_intro: &'static str,
    pub evidence_missing: &'static str,
    pub col_count: &'static str,
    pub col_share: &'static str,
    pub portfolio_title: &'static str,
    pub portfolio_default_name: &'static str,
    pub portfolio_glance_title: &'static str,
    pub portfolio_enterprises: &'static str,
    pub portfolio_failed: &'static str,
    pub portfolio_levels_title: &'static str,
    pub portfolio_thresholds_title: &'static str,
    pub portfolio_profile_title: &'static str,
    pub portfolio_profile_intro: &'static str,
    pub portfolio_blocking_title: &'static str,
    pub portfolio_blocking_intro: &'static str,
    pub portfolio_models_title: &'static str,
    pub portfolio_profiles: &'static str,
    pub col_blocked: &'static str,
    pub col_rank: &'static str,
    pub col_enterprise: &'static str,
    pub col_assessment_id: &'static str,
    pub col_enterprise_code: &'static str,
    pub col_source_line: &'static str,
    pub col_error_code: &'static str,
    pub col_error: &'static str,
    pub portfolio_roster_title: &'static str,
    pub portfolio_roster_intro: &'static str,
    pub portfolio_failures_title: &'static str,
}

/// The texts of `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

impl Words {
    fn pick(&self, zh: String, en: String) -> String {
        if self.zh {
            zh
        } else {
            en
        }
    }

    /// "yes" / "no".
    pub fn yes_no(&self, b: bool) -> &'static str {
        match (self.zh, b) {
            (true, true) => "是",
            (true, false) => "否",
            (false, true) => "yes",
            (false, false) => "no",
        }
    }

    /// The name of a provenance status.
    /// A programme's minimum level, marked when it is only reported (not read in the
    /// notice): `4（据公开报道）`, `4 (reported)`; `—` when none is published.
    pub fn minimum_level(&self, level: Option<u8>, status: Option<SourceStatus>) -> String {
        match (level, status) {
            (None, _) => "—".to_string(),
            (Some(l), Some(SourceStatus::Reported)) if self.zh => format!("{l}（据公开报道）"),
            (Some(l), Some(SourceStatus::Reported)) => format!("{l} (reported)"),
            (Some(l), _) => l.to_string(),
        }
    }

    pub fn status(&self, s: SourceStatus) -> &'static str {
        match (self.zh, s) {
            (true, SourceStatus::Official) => "官方（标准原文）",
            (true, SourceStatus::Verified) => "已核对（公开来源）",
            (true, SourceStatus::Reported) => "公开报道",
            (true, SourceStatus::Illustrative) => "示例性（非标准内容）",
            (true, SourceStatus::Placeholder) => "占位（非标准内容）",
            (false, SourceStatus::Official) => "official (the standard's text)",
            (false, SourceStatus::Verified) => "verified (public sources)",
            (false, SourceStatus::Reported) => "reported",
            (false, SourceStatus::Illustrative) => "ILLUSTRATIVE (not the standard)",
            (false, SourceStatus::Placeholder) => "PLACEHOLDER (not the standard)",
        }
    }

    pub fn unofficial_text(&self, parts: &str) -> String {
        self.pick(
            format!("本报告所用模型含非官方内容（{parts}）。得分仅供演示和内部自查，不能作为 GB/T 39116/39117 的正式评估结论，也不能代替官方评估用于申报。"),
            format!("The model behind this report contains unofficial content ({parts}). Its figures are for demonstration and internal self-checks only: they are not an assessment under GB/T 39116/39117 and cannot stand in for an official assessment in an application."),
        )
    }

    /// `inner` in brackets: `（…）` in Chinese, ` (…)` in English.
    pub fn paren(&self, inner: &str) -> String {
        self.pick(format!("（{inner}）"), format!(" ({inner})"))
    }

    pub fn footer_model(&self, model: &str, version: &str) -> String {
        self.pick(
            format!("模型：{model} {version}"),
            format!("Model: {model} {version}"),
        )
    }

    pub fn footer(&self, model: &str, version: &str) -> String {
        self.pick(
            format!("由 cmmm 生成 · 模型 {model} {version} · 自评估结果，非认证结论 · 所有分数为精确计算后四舍五入至两位小数显示"),
            format!("Generated by cmmm · model {model} {version} · self-assessment, not certified · every score is computed exactly and shown rounded half away from zero to 2 places"),
        )
    }

    pub fn rule_short(&self, rule: TotalRule) -> String {
        match (self.zh, rule) {
            (true, TotalRule::SumUntilFirstUnmet) => "逐级累加至首个未达门槛的等级".into(),
            (true, TotalRule::MetCountPlusPartial) => "已达等级数 + 首个未达等级得分".into(),
            (false, TotalRule::SumUntilFirstUnmet) => "sum up to the first unmet level".into(),
            (false, TotalRule::MetCountPlusPartial) => {
                "levels met + score of the first unmet".into()
            }
        }
    }

    pub fn rule_long(&self, rule: TotalRule, gate: &str) -> String {
        match (self.zh, rule) {
            (true, TotalRule::SumUntilFirstUnmet) => format!("总分规则（逐级累加至首个未达门槛的等级）：S = T(1) + … + T(k)，k 为首个 T(k) < {gate} 的等级（均达到时为最高级）；k 以上的等级不计入。"),
            (true, TotalRule::MetCountPlusPartial) => format!("总分规则（已达等级数加首个未达等级得分）：S = (k − 1) + T(k)，k 为首个 T(k) < {gate} 的等级。"),
            (false, TotalRule::SumUntilFirstUnmet) => format!(" Rule sum-until-first-unmet: S = T(1) + … + T(k), where k is the first level with T(k) < {gate} (the top level if none); levels above k are not counted."),
            (false, TotalRule::MetCountPlusPartial) => format!(" Rule met-count-plus-partial: S = (k − 1) + T(k), where k is the first level with T(k) < {gate}."),
        }
    }

    pub fn result_total(&self, display: &str, value: &str) -> String {
        self.pick(
            format!("，总分 S = {display}（精确值 {value}）。"),
            format!(", total S = {display} (exactly {value})."),
        )
    }

    pub fn next_level_of(&self, name: &str) -> String {
        self.pick(format!("下一等级：{name}"), format!("Next: {name}"))
    }

    pub fn achieved_level_of(&self, name: &str) -> String {
        self.pick(format!("已达等级：{name}"), format!("Achieved: {name}"))
    }

    pub fn gate_of(&self, gate: &str) -> String {
        self.pick(format!("门槛 {gate}"), format!("gate {gate}"))
    }

    pub fn ladder_desc(&self, s: &str, level: u8, name: &str) -> String {
        self.pick(
            format!("各级得分 T(n) 与门槛；总分 S = {s}，{level} 级（{name}）。"),
            format!("Level scores T(n) against the gate; total S = {s}, level {level} ({name})."),
        )
    }

    pub fn level_short(&self, level: u8) -> String {
        self.pick(format!("{level} 级"), format!("L{level}"))
    }

    pub fn s_marker(&self, s: &str, name: &str) -> String {
        self.pick(format!("S = {s} → {name}"), format!("S = {s} → {name}"))
    }

    pub fn plan_to(&self, target: &str) -> String {
        self.pick(
            format!("达到{target}最少需提升"),
            format!("Upgrades to reach {target}"),
        )
    }

    pub fn plan_note(&self, s: &str, level: u8) -> String {
        self.pick(
            format!("项要求提升至全部满足 → S = {s}，{level} 级"),
            format!("requirements raised to fully met → S = {s}, level {level}"),
        )
    }

    pub fn progress_intro(&self, before: &str, after: &str) -> String {
        self.pick(
            format!("本次评估 {after} 与上次评估 {before} 的对比。"),
            format!("This assessment, {after}, compared with the previous one, {before}."),
        )
    }

    pub fn progress_other_enterprise(&self, name: &str) -> String {
        self.pick(
            format!("注意：上次评估的企业信息不同（{name}），对比可能没有意义。"),
            format!("Note: the previous assessment names a different enterprise ({name}); the comparison may not be meaningful."),
        )
    }

    pub fn progress_other_model(&self, model: &str) -> String {
        self.pick(
            format!("注意：上次评估使用了另一模型（{model}），仅对比同名能力子域。"),
            format!("Note: the previous assessment used another model ({model}); only sub-domains with the same id are compared."),
        )
    }

    pub fn progress_other_profile(&self, profile: &str) -> String {
        self.pick(
            format!("注意：上次评估使用了另一企业类型（{profile}），权重与范围不同。"),
            format!("Note: the previous assessment used another profile ({profile}), with other weights and scope."),
        )
    }

    pub fn previous_label(&self, when: &str) -> String {
        self.pick(format!("上次 {when}"), format!("Previous {when}"))
    }

    pub fn current_label(&self, when: &str) -> String {
        self.pick(format!("本次 {when}"), format!("Current {when}"))
    }

    pub fn progress_moved(&self, up: usize, down: usize) -> String {
        self.pick(
            format!("评分提高的要求 {up} 项，降低的 {down} 项。"),
            format!("{up} requirement(s) rated higher, {down} rated lower."),
        )
    }

    pub fn scope_counts(&self, n: usize, total: usize, requirements: u32) -> String {
        self.pick(
            format!("{n} / {total} 个能力子域，{requirements} 项要求"),
            format!("{n} of {total} sub-domains, {requirements} requirements"),
        )
    }

    pub fn provenance_intro(&self, title: &str, id: &str, version: &str) -> String {
        self.pick(
            format!("模型：{title}（{id}，数据版本 {version}）。各部分来源与可信程度如下。"),
            format!("Model: {title} ({id}, data version {version}). Where each part comes from and how far it can be trusted:"),
        )
    }

    pub fn here(&self, s: &str) -> String {
        self.pick(format!("← 本次 S = {s}"), format!("← S = {s}"))
    }

    pub fn programmes_source(&self, version: &str, source: &str) -> String {
        self.pick(
            format!("政策门槛数据版本 {version}。{source} 表中仅比较成熟度等级；其他条件需另行核对。"),
            format!("Programme data version {version}. {source} Only the maturity level is compared here; other conditions must be checked separately."),
        )
    }

    pub fn sub_domains_intro(&self, gate: &str) -> String {
        self.pick(
            format!("各能力子域在各等级的得分 D(s,n)（该等级要求评分的算术平均）。绿色为达到 {gate} 门槛。“子域等级”为从一级起连续达到门槛的最高等级。"),
            format!("Each sub-domain's score D(s,n) at each level (the mean of its ratings at that level). Green: at or above the {gate} gate. \"Own level\": the highest level up to which the sub-domain meets the gate at every level from 1."),
        )
    }

    pub fn strengths_intro(&self, level: u8) -> String {
        self.pick(
            format!("以下能力子域已超出企业当前等级（{level} 级）："),
            format!("These sub-domains are already above the enterprise's level ({level}):"),
        )
    }

    pub fn sub_domain_at(&self, own: u8, name: &str) -> String {
        self.pick(
            format!("子域等级 {own}（{name}）"),
            format!("own level {own} ({name})"),
        )
    }

    pub fn strengths_none(&self, next: u8) -> String {
        self.pick(
            format!("尚无能力子域超出企业当前等级。距下一等级最近的能力子域（按 D({next}) 排序）："),
            format!("No sub-domain is above the enterprise's level yet. Closest to the next level (by D({next})):"),
        )
    }

    pub fn gaps_reached(&self, target: &str) -> String {
        self.pick(
            format!("已达到目标等级（{target}）。"),
            format!("The target level ({target}) is reached."),
        )
    }

    pub fn gaps_intro(&self, target: &str, count: usize, s: &str, level: &str) -> String {
        self.pick(
            format!("目标：{target}。最少将 {count} 项要求提升至“全部满足”即可达到，届时 S = {s}（{level}）。该计划经证明为最少提升数。"),
            format!("Target: {target}. Raising {count} requirement(s) to fully met is the fewest that reaches it, giving S = {s} ({level}). The plan is provably minimal."),
        )
    }

    pub fn plan_chart_title(&self, target: &str) -> String {
        self.pick(
            format!("达到{target}的提升计划：各能力子域的提升项数"),
            format!("Plan to {target}: upgrades per sub-domain"),
        )
    }

    pub fn plan_title(&self, target: &str) -> String {
        self.pick(
            format!("达到{target}的提升计划"),
            format!("Plan to reach {target}"),
        )
    }

    pub fn further_gaps(&self, shown: usize, total: usize) -> String {
        self.pick(
            format!("计划之外按收益排序的差距（显示 {shown} / {total} 项；全部要求见最后一节）。"),
            format!("Gaps outside the plan, by gain ({shown} of {total} shown; every requirement is in the last section)."),
        )
    }

    // ---- portfolio ----

    pub fn portfolio_subtitle(&self, name: &str, n: u64) -> String {
        self.pick(
            format!("{name} · {n} 家企业"),
            format!("{name} · {n} enterprises"),
        )
    }

    pub fn portfolio_failed_note(&self, n: u64) -> String {
        self.pick(
            format!("{n} 条记录评分失败（见批量输出中的错误记录），未计入以下统计。"),
            format!("{n} record(s) failed to score (see the error records of the batch output) and are left out of every figure below."),
        )
    }

    pub fn level_count_tip(&self, count: u64, share: &str) -> String {
        self.pick(
            format!("{count} 家（{share}）"),
            format!("{count} ({share})"),
        )
    }

    pub fn portfolio_levels_desc(&self, n: u64) -> String {
        self.pick(
            format!("{n} 家企业的成熟度等级分布"),
            format!("Maturity levels of {n} enterprises"),
        )
    }

    pub fn blocking_chart_title(&self, level: &str) -> String {
        self.pick(
            format!("最常阻碍达到{level}的能力子域"),
            format!("Sub-domains most often blocking {level}"),
        )
    }

    pub fn blocking_below(&self, below: u64, level: &str) -> String {
        self.pick(
            format!("未达到{level}的企业：{below} 家。"),
            format!("Enterprises below {level}: {below}."),
        )
    }

    pub fn blocking_none(&self, level: &str) -> String {
        self.pick(
            format!("所有企业均已达到{level}。"),
            format!("Every enterprise has reached {level}."),
        )
    }

    pub fn profile_series(&self, level: u8) -> String {
        self.pick(format!("D({level}) 平均"), format!("mean D({level})"))
    }
}

static ZH: Words = Words {
    zh: true,
    html_lang: "zh-CN",
    list_sep: "，",
    colon: "：",
    report_title: "智能制造能力成熟度自评估报告",
    unnamed: "（未命名）",
    self_assessed_title: "自评估结果，非认证结论。",
    self_assessed_text: "本报告由企业自评数据按 GB/T 39117-2020 评估方法计算得出，未经第三方评估机构认证。",
    unofficial_title: "示例模型 —— 非正式评估。",
    part_structure: "结构",
    part_requirements: "要求条款",
    part_method: "评分方法",
    part_weights: "权重",
    level: "成熟度等级",
    maturity: "成熟度等级",
    total_s: "总分 S",
    meets_level_2: "达到二级",
    meets_level_2_note: "2023 年示范工厂申报条件",
    target_level: "目标等级",
    target_reached: "已达到",
    top_level_reached: "已达到最高等级，无差距。",
    ladder_title: "等级阶梯：各级得分 T(n) 与门槛，总分 S 与分数段",
    radar_title: "能力子域雷达图（按能力要素分组）",
    glance_title: "概览",
    glance_reading: "阅读提示：柱形为各等级得分 T(n)，红色虚线为门槛；S 按分数段确定等级。雷达图每条轴为一个能力子域，同一能力要素的子域位于同一色块内；虚线轴为裁剪或不在范围内的子域。",
    progress_title: "进展",
    progress_chart_title: "各级得分 T(n)：上次与本次",
    progress_matrix_title: "各能力子域、各等级的变化",
    progress_matrix_note: "单元格显示“上次 → 本次（变化）”；未变化的显示本次得分（灰色）；“—”表示无可评分内容。",
    progress_moved_title: "评分变化的要求",
    assessee_title: "评估对象、范围与模型来源",
    enterprise: "企业名称",
    enterprise_code: "统一社会信用代码",
    industry: "行业",
    region: "地区",
    assessment_id: "评估编号",
    assessed_on: "评估日期",
    assessor: "评估人",
    profile: "企业类型",
    scope: "评估范围",
    scope_title: "范围",
    scope_full: "企业类型的全部能力子域均在评估范围内，未裁剪。",
    scope_intro: "以下能力子域不在默认范围内，或已裁剪（附理由）：",
    tailored_out: "已裁剪",
    excluded: "不在范围内",
    excluded_reason: "该企业类型默认不含此能力子域。",
    included: "已纳入",
    included_reason: "该企业类型默认不含此能力子域，本次评估主动纳入。",
    provenance_title: "模型与权重来源",
    status_legend: "状态说明：官方 = 标准原文；已核对 = 多个公开来源核对；公开报道 = 公开解读；示例性、占位 = 本项目自拟，不是标准内容。",
    result_title: "评估结果",
    result_level_intro: "成熟度等级：",
    level_scores_title: "各级得分 T(n)",
    bands_title: "分数段",
    thresholds_title: "政策门槛",
    met: "达到",
    not_met: "未达到",
    no_published_level: "无公开等级要求",
    sub_domains_title: "能力子域得分与优势",
    strengths_title: "优势",
    gaps_title: "差距与提升计划",
    further_gaps_title: "其他差距",
    figures_reading: "数字说明：得分四舍五入保留两位小数，判断一律依据精确值；若两位小数会使某个得分看似落在门槛或分数段界限的另一侧，则多显示几位（如 0.7999）。变化值为所显示两数之差；小于 0.01 的增加值显示为“< 0.01”。",
    gains_note: "ΔT(n)、ΔS 为单独将该要求提升至“全部满足”时该等级得分与总分的增加值；计划为达到目标等级所需的最少提升项。",
    requirements_title: "要求评分明细",
    requirements_intro: "评估范围内每项要求的评分、证据与说明（按能力子域）。",
    texts_unofficial: "要求条款为本项目自拟的示例文本，不是 GB/T 39116-2020 的标准原文。",
    not_rated: "未评分",
    not_rated_scored_none: "未评分（按不满足计）",
    met_counted: "达到门槛，计入",
    short_counted: "未达门槛，计入",
    not_counted: "不计入 S",
    met_not_counted: "达到门槛，不计入",
    not_met_not_counted: "未达门槛，不计入",
    s_on_bands: "总分 S 与分数段",
    not_applicable_mark: "（不适用）",
    col_item: "项目",
    col_value: "内容",
    col_level_score: "等级得分",
    col_score: "得分",
    col_name: "名称",
    col_before: "上次",
    col_after: "本次",
    col_change: "变化",
    col_sub_domain: "能力子域",
    col_sub_level: "子域等级",
    col_requirement: "要求",
    col_level: "等级",
    col_scope: "范围",
    col_reason: "理由",
    col_part: "部分",
    col_status: "状态",
    col_source: "来源说明",
    col_counted: "计入 S",
    col_range: "S 范围",
    col_programme: "政策 / 项目",
    col_year: "年份",
    col_minimum: "最低等级",
    col_self_ok: "接受自评",
    col_met: "是否满足",
    col_conditions: "范围与其他条件",
    col_now: "当前评分",
    col_text: "要求内容",
    col_rating: "评分",
    col_evidence: "证据",
    col_comment: "说明",
    col_rated_by: "评分人",
    col_file: "文件",
    col_bytes: "字节",
    raters_title: "评分分工",
    evidence_title: "证据文件",
    evidence_intro: "各条证据引用在证据目录中对应的文件，附大小与 SHA-256 校验值，可据此核对提交的材料未被改动。",
    evidence_missing: "以下证据引用在证据目录中找不到对应文件：",
    col_count: "企业数",
    col_share: "占比",
    portfolio_title: "智能制造能力成熟度自评估汇总报告",
    portfolio_default_name: "企业群体",
    portfolio_glance_title: "概览",
    portfolio_enterprises: "企业数",
    portfolio_failed: "评分失败",
    portfolio_levels_title: "成熟度等级分布",
    portfolio_thresholds_title: "达到二级及各政策门槛的比例",
    portfolio_profile_title: "能力子域平均得分",
    portfolio_profile_intro: "各能力子域在各等级的平均得分 D(s,n)（仅统计该子域在评估范围内的企业）。",
    portfolio_blocking_title: "阻碍升级的能力子域",
    portfolio_blocking_intro: "对未达到某等级 n 的企业，若某能力子域在 n 级或更低等级的得分 D(s,m) 低于门槛，则记为该子域阻碍其达到 n 级。占比 = 受阻企业数 / 未达到 n 级的企业数。",
    portfolio_models_title: "模型与来源",
    portfolio_profiles: "企业类型",
    col_blocked: "受阻企业",
    col_rank: "序号",
    col_enterprise: "企业",
    col_assessment_id: "评估编号",
    col_enterprise_code: "统一社会信用代码",
    col_source_line: "来源（文件:行）",
    col_error_code: "错误代码",
    col_error: "错误说明",
    portfolio_roster_title: "企业名单",
    portfolio_roster_intro: "每家已计分的企业及其等级、总分 S、是否达到二级和各项政策门槛；按等级从高到低排列，同一等级内按 S 从高到低。",
    portfolio_failures_title: "未能计分的记录",
};

static EN: Words = Words {
    zh: false,
    html_lang: "en",
    list_sep: ", ",
    colon: ": ",
    report_title: "Intelligent-manufacturing maturity self-assessment report",
    unnamed: "(unnamed)",
    self_assessed_title: "Self-assessment, not certified. ",
    self_assessed_text: "This report is computed from the enterprise's own ratings with the GB/T 39117-2020 method; no assessment body has certified it.",
    unofficial_title: "Illustrative model — not an official assessment. ",
    part_structure: "structure",
    part_requirements: "requirements",
    part_method: "method",
    part_weights: "weights",
    level: "Level",
    maturity: "Maturity",
    total_s: "Total S",
    meets_level_2: "Meets level 2",
    meets_level_2_note: "the 2023 demonstration-factory condition",
    target_level: "Target level",
    target_reached: "reached",
    top_level_reached: "The top level is reached; there are no gaps.",
    ladder_title: "Level ladder: T(n) against the gate, S against the bands",
    radar_title: "Sub-domain radar, grouped by element",
    glance_title: "At a glance",
    glance_reading: "How to read: the bars are the level scores T(n), the dashed red line is the gate; S falls in a band that gives the level. On the radar each spoke is a sub-domain, and the sub-domains of one element share a tinted sector; dashed spokes are tailored out or out of scope.",
    progress_title: "Progress",
    progress_chart_title: "Level scores T(n): previous and current",
    progress_matrix_title: "Per sub-domain and level: what moved",
    progress_matrix_note: "Cells show previous → current (change); unchanged cells show the current score in grey; — means nothing to score.",
    progress_moved_title: "Requirements whose rating moved",
    assessee_title: "Assessee, scope and provenance",
    enterprise: "Enterprise",
    enterprise_code: "Registration code",
    industry: "Industry",
    region: "Region",
    assessment_id: "Assessment id",
    assessed_on: "Assessed on",
    assessor: "Assessor",
    profile: "Profile",
    scope: "Scope",
    scope_title: "Scope",
    scope_full: "Every sub-domain of the profile is in scope; nothing is tailored out.",
    scope_intro: "These sub-domains are out of the default scope, brought in, or tailored out (with the reason given):",
    tailored_out: "tailored out",
    excluded: "out of scope",
    excluded_reason: "The profile leaves this sub-domain out by default.",
    included: "included",
    included_reason: "The profile leaves this sub-domain out by default; this assessment includes it.",
    provenance_title: "Provenance of the model and weights",
    status_legend: "Statuses: official = the standard's text; verified = checked against several public sources; reported = public interpretations; illustrative and placeholder = written for this project, not the standard's content.",
    result_title: "Result",
    result_level_intro: "Maturity level: ",
    level_scores_title: "Level scores T(n)",
    bands_title: "Bands",
    thresholds_title: "Programme thresholds",
    met: "met",
    not_met: "not met",
    no_published_level: "no published level",
    sub_domains_title: "Sub-domain scores and strengths",
    strengths_title: "Strengths",
    gaps_title: "Gaps and improvement plan",
    further_gaps_title: "Further gaps",
    figures_reading: "About the figures: scores are rounded half away from zero to two places, and every decision is made on the exact value; where two places would put a score on the other side of the gate or a band bound, more places are shown (0.7999). A change is the difference of the two figures shown; a gain below 0.01 shows as \"< 0.01\".",
    gains_note: "ΔT(n) and ΔS are what raising that one requirement alone to fully met adds to its level score and to S; the plan is the fewest upgrades that reach the target level.",
    requirements_title: "Rated requirements",
    requirements_intro: "Every in-scope requirement with its rating, evidence and comment, by sub-domain.",
    texts_unofficial: "The requirement texts are illustrative, written for this project; they are NOT the text of GB/T 39116-2020.",
    not_rated: "not rated",
    not_rated_scored_none: "not rated (scored as not met)",
    met_counted: "met, counted",
    short_counted: "not met, counted",
    not_counted: "not counted in S",
    met_not_counted: "met, not counted",
    not_met_not_counted: "not met, not counted",
    s_on_bands: "Total S on the bands",
    not_applicable_mark: "(n/a)",
    col_item: "Item",
    col_value: "Value",
    col_level_score: "Level score",
    col_score: "Score",
    col_name: "Name",
    col_before: "Previous",
    col_after: "Current",
    col_change: "Change",
    col_sub_domain: "Sub-domain",
    col_sub_level: "Own level",
    col_requirement: "Requirement",
    col_level: "Level",
    col_scope: "Scope",
    col_reason: "Reason",
    col_part: "Part",
    col_status: "Status",
    col_source: "Source",
    col_counted: "Counted in S",
    col_range: "S range",
    col_programme: "Programme",
    col_year: "Year",
    col_minimum: "Minimum level",
    col_self_ok: "Self-assessment accepted",
    col_met: "Met",
    col_conditions: "Scope and other conditions",
    col_now: "Rated",
    col_text: "Requirement text",
    col_rating: "Rating",
    col_evidence: "Evidence",
    col_comment: "Comment",
    col_rated_by: "Rated by",
    col_file: "File",
    col_bytes: "Bytes",
    raters_title: "Who rated what",
    evidence_title: "Evidence files",
    evidence_intro: "The file each evidence reference names in the evidence directory, with its size and SHA-256, so that the material submitted can be checked unchanged.",
    evidence_missing: "These evidence references name no file in the evidence directory:",
    col_count: "Enterprises",
    col_share: "Share",
    portfolio_title: "Intelligent-manufacturing maturity self-assessment portfolio",
    portfolio_default_name: "Portfolio",
    portfolio_glance_title: "At a glance",
    portfolio_enterprises: "Enterprises",
    portfolio_failed: "Failed records",
    portfolio_levels_title: "Distribution of levels",
    portfolio_thresholds_title: "Share meeting level 2 and each programme threshold",
    portfolio_profile_title: "Average sub-domain profile",
    portfolio_profile_intro: "Mean sub-domain score D(s,n) at each level, over the enterprises that have the sub-domain in scope.",
    portfolio_blocking_title: "Sub-domains blocking the next levels",
    portfolio_blocking_intro: "An enterprise below level n is blocked by a sub-domain when the sub-domain's score D(s,m) is below the gate at level n or a lower level m. Share = blocked enterprises / enterprises below level n.",
    portfolio_models_title: "Models and provenance",
    portfolio_profiles: "Profiles",
    col_blocked: "Blocked enterprises",
    col_rank: "#",
    col_enterprise: "Enterprise",
    col_assessment_id: "Assessment id",
    col_enterprise_code: "Registration code",
    col_source_line: "Source (file:line)",
    col_error_code: "Error code",
    col_error: "Error",
    portfolio_roster_title: "Roster",
    portfolio_roster_intro: "Every scored enterprise with its level, total S, whether it meets level 2 and each programme threshold; the highest level first, and within a level the highest S first.",
    portfolio_failures_title: "Records that could not be scored",
};
