"""Verbs and adverbs of Chinese planning and statutory language, shared by the task, actor-phrase
and role rules (a verb ends an organisation phrase, leads a task, shows a body acting), and the
one duty-verb lexicon that plans and statutes share (who leads, who co-operates, who is told)."""

# Adverbs and framing words skipped before the lead verb.
ADVERBS = ("进一步", "持续", "全面", "积极", "大力", "深入", "切实", "加快", "不断", "逐步", "着力", "扎实",
           "继续", "充分", "严格", "认真", "统筹", "有序", "稳步", "重点", "全力", "率先", "力争", "确保",
           "要", "并", "同时", "定期", "探索", "研究", "鼓励", "支持", "引导", "督促", "指导", "推动")
VERBS = ("推进", "建立", "健全", "完善", "强化", "加强", "开展", "完成", "实施", "落实", "提升", "提高",
         "深化", "构建", "建设", "建成", "制定", "编制", "修订", "制修订", "组建", "打造", "培育", "规范", "整治",
         "排查", "发挥", "拓宽", "优化", "推行", "推广", "创建", "配备", "设立", "组织", "开通", "实行",
         "明确", "压实", "细化", "夯实", "筑牢", "严防", "防范", "治理", "管控", "清理", "淘汰", "关闭",
         "改造", "整合", "加大", "扩大", "增强", "保障", "落地", "引进", "培养", "培训", "宣传", "普及",
         "应用", "研发", "部署", "储备", "布局", "编修", "升级", "搭建", "形成", "实现", "推动", "督促",
         "引导", "鼓励", "支持", "指导", "探索", "研究", "建", "设置", "出台", "压减", "拓展", "提档",
         "执行", "坚持", "严格", "加快", "统筹", "聚焦", "利用", "融合", "依托", "梳理", "摸清", "打击", "巩固",
         "参与", "纳入", "考虑", "更新", "提供", "监督检查", "检查", "开发", "签订", "划定", "评估")

# -- the duty-verb lexicon (plans and statutes alike) -----------------------------------
# A body followed by one of these is answerable for the matter: it leads.
DUTY_VERBS = ("负责", "主管", "牵头", "承担", "统一领导", "领导", "组织", "指导", "监督", "统筹", "主导", "抓总",
              "负总责", "主抓", "指挥", "统一指挥", "督导", "管理", "审批", "批准", "发布", "制定", "编制", "决定")
# A body followed by one of these helps another: it co-operates ("A协助B" -> A cooperate, B lead).
COOPERATE_VERBS = ("协助", "配合", "参与", "参加", "协同", "协办", "联同")
# "A会同B": A leads, B co-operates; the same after 协同/联合/同 when a body follows.
PARTNER_BEFORE = ("会同", "协同", "联合", "联同")
# "A协助B做X" / "配合B": the body after these is the one helped, and leads.
HELPED_BEFORE = ("协助", "配合", "支持配合", "积极配合", "协助配合", "配合协助")
# Receivers of reports and approvals: "向X报告", "报X批准", "经X同意".
RECIPIENT_BEFORE = ("向", "报", "报送", "报请", "上报", "报告", "通报", "抄送", "提交", "送", "呈报", "报经", "经",
                    "提请", "请示", "告知", "申请")
# What a receiver does with a report when it exercises a power (statutes: "报X批准" -> X leads).
POWER_AFTER = ("批准", "审批", "同意", "核准", "审定", "审核", "划定", "备案审查", "决定", "组织验收", "强制执行",
               "依法处理", "处理", "确定")
# Verbs that set another body to work: "组织有关部门评估" (co-operates), "督促企业落实" (subject).
GOVERNING_BEFORE = ("组织", "指导", "协调", "召集", "动员", "调动", "组织动员", "组织协调", "指导协调",
                    "协调指导", "组织指导", "指导督促", "督促指导", "督促", "要求", "责令", "推动",
                    "推进", "帮助", "督导", "委托", "调度", "统筹", "号召", "发动", "组织引导")
# Of those, the ones that oblige (the body made to act is its subject, whatever it is).
OBLIGING_BEFORE = ("督促", "要求", "责令", "推动", "推进", "指导督促", "督促指导")
# Encouragement imposes nothing: the body is only mentioned.
ENCOURAGE_BEFORE = ("鼓励", "支持", "引导", "扶持", "鼓励和引导", "支持和鼓励", "鼓励和支持", "支持引导",
                    "鼓励引导", "倡导", "保护", "激励", "吸引", "欢迎", "确保", "保障", "帮扶", "服务")
# Bodies set up, relied on or strengthened are only mentioned ("依托X", "成立X", "加强X建设").
CREATED_BEFORE = ("依托", "成立", "设立", "组建", "建立", "建设", "加强", "完善", "健全", "培育", "壮大", "充实",
                  "调整", "整合", "打造", "建强", "发展", "新建", "改建", "扩建", "抽调", "下设", "设置", "增设")
# Modal and framing words between a body and its verb ("X应当…", "X要及时…").
MODALS = ("应当", "应该", "必须", "须", "需", "需要", "要", "应", "可以", "可", "得", "均", "都", "还", "也", "将",
          "会", "能", "亦", "则", "即", "仍", "方可", "不得", "禁止", "严禁", "不准")
# Prepositions that open an adverbial before the verb ("X按照…要求做好…", "X在…后报告").
PREPOSITIONS = ("按照", "依照", "根据", "依据", "依法", "结合", "针对", "围绕", "通过", "利用", "对于", "对", "在",
                "为", "向", "与", "从", "于", "经", "按", "会同", "以", "就", "自", "及时", "视情", "适时", "立即",
                "第一时间", "分别", "共同", "各自", "统一", "主动", "积极", "认真", "切实", "定期", "不定期",
                "迅速", "尽快", "全力", "具体", "依职权", "依职责", "按职责", "根据需要", "必要时")
