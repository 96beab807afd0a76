// Every label of the page in Simplified Chinese and English (Chinese by default when the browser
// asks for it). Elements carry data-i18n="key" (text) or data-i18n-placeholder="key".
const strings = {
  en: {
    title: "citynoise — 3D noise map", version: "Version", indicator: "Indicator", compareWith: "Compare with", none: "none",
    signIn: "Sign in", signOut: "Sign out", token: "Token", sensitive: "Sensitive buildings over a limit", period: "Period",
    night: "night", day: "day", use: "Use", allSensitive: "all sensitive", school: "school", kindergarten: "kindergarten",
    hospital: "hospital", elderly_care: "elderly care", residential: "residential", office: "office", sortBy: "Sort by",
    exceedance: "exceedance", people: "people", buildingId: "Building id", find: "Find", upload: "Upload a result", label: "label",
    send: "Send", legend: "Level classes", dB: "dB(A)", floor: "Floor", zone: "Zone", limits: "GB 3096 limits", population: "Population",
    dominant: "Dominant source", loudest: "Loudest façade point", overLimit: "over the limit", noFloors: "No façade points on this building",
    dayLimit: "day limit", nightLimit: "night limit", stats: "Exposure", facadePoints: "Façade points per class",
    peoplePerClass: "People per class", buildingsPerClass: "Buildings per class", downloadCsv: "Download CSV", notFound: "No such building",
    retired: "retired", created: "computed", relieved: "people relieved", comparison: "Comparison", difference: "Difference b − a",
    costPerPerson: "cost per person relieved", loading: "Loading…", uploaded: "Uploaded", failed: "Failed", road: "road", rail: "rail",
    construction: "construction site", loudspeaker: "loudspeaker", commercial: "commercial", industry: "industry", signedIn: "signed in",
    class: "class", points: "points", buildings: "buildings", roof: "roof", cost: "Cost", rank: "Rank among the remedies",
    layers: "Sections and volume", sections: "vertical sections", sliceAt: "volume at", altitude: "altitude", m: "m",
    noSections: "no vertical sections in this version", noVolume: "no volume in this version", wholeBuilding: "whole building",
    hourly: "Loudest floor, hour by hour, against the limit of the hour",
  },
  zh: {
    title: "citynoise — 三维噪声地图", version: "版本", indicator: "评价量", compareWith: "对比版本", none: "无",
    signIn: "登录", signOut: "退出", token: "令牌", sensitive: "超标的敏感建筑", period: "时段", night: "夜间", day: "昼间",
    use: "用途", allSensitive: "全部敏感建筑", school: "学校", kindergarten: "幼儿园", hospital: "医院", elderly_care: "养老机构",
    residential: "住宅", office: "办公", sortBy: "排序", exceedance: "超标量", people: "人数", buildingId: "建筑编号", find: "查找",
    upload: "上传计算结果", label: "名称", send: "上传", legend: "声级分级", dB: "dB(A)", floor: "楼层", zone: "声环境功能区",
    limits: "GB 3096 限值", population: "人口", dominant: "主要声源", loudest: "最响的立面点", overLimit: "超标",
    noFloors: "该建筑无立面接收点", dayLimit: "昼间限值", nightLimit: "夜间限值", stats: "暴露统计", facadePoints: "各级立面点数",
    peoplePerClass: "各级人数", buildingsPerClass: "各级建筑数", downloadCsv: "下载 CSV", notFound: "无此建筑", retired: "已停用",
    created: "计算于", relieved: "受益人数", comparison: "方案对比", difference: "差值 b − a", costPerPerson: "每受益人成本",
    loading: "加载中…", uploaded: "已上传", failed: "失败", road: "道路", rail: "轨道交通", construction: "施工工地",
    loudspeaker: "广场音响", commercial: "商业", industry: "工业", signedIn: "已登录", class: "级别", points: "点数",
    buildings: "建筑", roof: "屋顶", cost: "费用", rank: "措施排名",
    layers: "剖面与立体声场", sections: "垂直剖面", sliceAt: "立体声场切片高度", altitude: "海拔", m: "米",
    noSections: "此版本无垂直剖面", noVolume: "此版本无立体声场", wholeBuilding: "整栋建筑",
    hourly: "最响楼层逐时声级与该时段限值",
  },
};

let language = (navigator.languages || [navigator.language || "en"]).some((l) => l.toLowerCase().startsWith("zh")) ? "zh" : "en";

export function t(key) {
  return (strings[language] && strings[language][key]) || strings.en[key] || key;
}

export function currentLanguage() {
  return language;
}

/// Sets the language and relabels every marked element.
export function setLanguage(l) {
  language = strings[l] ? l : "en";
  document.documentElement.lang = language === "zh" ? "zh-CN" : "en";
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
  document.title = t("title");
}

/// A date in the reader's local time and language.
export function localTime(iso) {
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString(language === "zh" ? "zh-CN" : "en-GB");
}
