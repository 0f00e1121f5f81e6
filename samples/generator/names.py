"""Who publishes a generated report and what it spends on: organisations, their codes, projects.

A department's profile pins the 款 it reports under and which 项 carry its
basic and project spending, so that tables, prose and forms tell one
consistent story. Every code used here is in the vocabulary.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

PLACES = {
    "shanxi": ["大同市", "岚县", "汾阳市", "晋中市榆次区", "临汾市尧都区", "太原市小店区", "孝义市", "吕梁市离石区", "静乐县"],
    "shanghai": ["上海市普陀区", "上海市静安区", "上海市徐汇区", "上海市杨浦区", "上海市闵行区", "上海市宝山区"],
    "jiangsu": ["江苏省", "南京市", "苏州市吴中区", "无锡市", "常州市武进区", "南通市", "扬州市"],
}


@dataclass(frozen=True)
class Profile:
    """A kind of department: its name pattern, its 项 for basic spending and for projects."""

    org: str  # "{place}…"
    basic: tuple[str, ...]
    projects: tuple[str, ...]
    duties: tuple[str, ...]
    project_names: tuple[str, ...]
    fund_projects: tuple[tuple[str, str], ...] = ()  # (项, project) paid from 政府性基金


PROFILES = (
    Profile(
        "{place}人民政府办公室",
        ("2010301", "2010350"),
        ("2010302", "2010399", "2010306"),
        ("负责县政府值班工作和重要活动的组织安排，及时报告重要情况。", "督促检查各部门对政府公文、会议决定事项的执行落实情况。",
         "组织办理人大代表议案、意见和政协委员提案。", "负责政务信息采编、分析、报送工作。"),
        ("督办系统运维费", "政务信息编印经费", "应急值守保障经费", "12345热线运行经费", "公文印制经费", "政府网站运维费"),
    ),
    Profile(
        "{place}行政审批服务管理局",
        ("2010301", "2010350"),
        ("2010306", "2010302"),
        ("负责统筹指导、协调、监督、推进政务服务及政务改革和管理工作。", "负责政务信息化建设的统筹推进和指导监督工作。",
         "负责统筹推进政务服务平台“互联网+监管”体系建设。"),
        ("政务云资源服务经费", "购买政务大厅综合服务经费", "电子政务外网网络租赁及运维费", "新开办市场主体首套印章免费刻制经费",
         "便民服务中心政务服务专区建设经费", "大厅硬件设备升级改造经费", "物业费"),
    ),
    Profile(
        "{place}财政局",
        ("2010601",),
        ("2010602", "2010607", "2010608"),
        ("承担政府各项财政收支管理的责任，负责编制年度财政预决算并组织执行。", "负责政府财政资金和财政专户管理。",
         "拟订和组织实施行政事业单位国有资产管理制度。", "负责本级会计管理工作，监督和规范会计行为。"),
        ("财政信息化系统运维费", "财政评审中介服务费", "预算绩效评价委托业务费", "财政票据印制经费", "会计人员继续教育经费"),
    ),
    Profile(
        "{place}人大常委会办公室",
        ("2010101", "2010150"),
        ("2010102", "2010104", "2010105", "2010106", "2010108", "2010199"),
        ("保证宪法、法律、行政法规和上级人民代表大会及其常务委员会决议的遵守和执行。", "召集本级人民代表大会会议。",
         "监督本级人民政府、人民法院和人民检察院的工作。", "联系本级人民代表大会代表，受理人民群众的申诉和意见。"),
        ("人代会会议经费", "立法调研经费", "代表履职培训经费", "执法检查经费", "人大信访工作经费", "代表联络站运行经费"),
    ),
    Profile(
        "{place}文化和旅游局",
        ("2070101",),
        ("2070108", "2070109", "2070113", "2070114", "2070199", "2079999"),
        ("贯彻执行有关文化和旅游的法律、法规、规章和方针、政策。", "负责组织和实施重大文化和旅游活动。",
         "负责文化和旅游市场的行业监管，依法实施相关行政许可。", "负责文物保护、管理和利用。"),
        ("文化旅游节系列活动经费", "群众文化活动经费", "公共文化设施免费开放经费", "非遗保护传承经费", "旅游宣传推广经费"),
    ),
    Profile(
        "{place}城市管理行政执法局",
        ("2120104",),
        ("2120104", "2080801"),
        ("负责城市管理领域相对集中行政处罚权的实施。", "负责违法建筑治理的统筹协调工作。",
         "组织开展城市管理专项执法行动。"),
        ("拆违经费", "执法车辆运行维护经费", "执法记录仪购置经费", "城管执法协管服务费"),
    ),
    Profile(
        "{place}建设和管理委员会",
        ("2120101",),
        ("2120199", "2120399", "2120601", "2130306", "2080704"),
        ("负责城市基础设施建设和管理工作。", "负责建设市场管理与监督。", "负责市政道路、河道设施的养护管理。"),
        ("市政道路养护经费", "河道设施养护经费", "建筑工程安全质量专项检查经费", "排水设施整治经费", "掘路修复经费"),
        (("2120803", "道路新改扩建工程"), ("2120803", "水环境治理工程"), ("2120803", "架空线入地及合杆整治工程")),
    ),
)

# 项 every department reports for its staff, with the share of basic spending they take.
STAFF_ITEMS = (
    ("2080501", 0.05), ("2080505", 0.09), ("2080506", 0.04), ("2101101", 0.04),
    ("2101103", 0.01), ("2210201", 0.08), ("2210202", 0.02),
)
OPTIONAL_STAFF_ITEMS = (("2101102", 0.01), ("2080599", 0.003), ("2210203", 0.05), ("2080502", 0.03))
OPTIONAL_PROJECT_ITEMS = ("2019999", "2130599", "2080799")


def organisation(rng: random.Random, locality: str, profile: Profile) -> str:
    return profile.org.format(place=rng.choice(PLACES[locality]))


def department_code(rng: random.Random) -> tuple[str, str]:
    """The 主管部门 code and the unit's own code, as printed on the forms ("032", "032002")."""
    dept = f"{rng.randint(1, 120):03d}"
    return dept, f"{dept}{rng.randint(1, 12):03d}"
