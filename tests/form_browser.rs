//! The form component's pieces in headless Chromium (wasm-bindgen-test): reading controls,
//! mapping names, when messages show, rendering, focus, the live region and detaching.
//! `cargo test --target wasm32-unknown-unknown --test form_browser`.
#![cfg(all(target_arch = "wasm32", feature = "form"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use gov_it_rules::form::FormHandle;
use serde_json::Value as Json;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Document, Element, HtmlElement, HtmlFormElement, HtmlInputElement};

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "wasm_suite/reading.rs"]
mod reading;
use reading::codes_at;

const FORM: &str = r#"
<form id="application">
  <label for="name">项目名称</label><input id="name" name="name">
  <label for="amount">预计总投资（万元）</label><input id="amount" name="totalInvestment">
  <label for="kind">项目类别</label>
  <select id="kind" name="kind"><option value=""></option><option value="new">新建</option></select>
  <fieldset><legend>已提交材料</legend>
    <label><input type="checkbox" name="documents" value="applicationForm"> 申报表</label>
    <label><input type="checkbox" name="documents" value="proposal"> 建议书</label>
    <label><input type="checkbox" name="documents" value="meetingMinutes"> 会议记录</label>
    <label><input type="checkbox" name="documents" value="proposalReview"> 评审意见</label>
  </fieldset>
  <input type="hidden" name="csrfToken" value="portal-token">
  <button type="submit">提交申报</button>
</form>"#;

fn doc() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh copy of [`FORM`] in the page, with `values` (id → value) filled in.
fn form(values: &[(&str, &str)]) -> HtmlFormElement {
    let doc = doc();
    // In a box of its own: the runner reports through the rest of the page.
    let host = match doc.get_element_by_id("form-host") {
        Some(host) => host,
        None => {
            let host = doc.create_element("div").unwrap();
            host.set_id("form-host");
            doc.body().unwrap().append_with_node_1(&host).unwrap();
            host
        }
    };
    host.set_inner_html(FORM);
    for (id, value) in values {
        let element = doc.get_element_by_id(id).unwrap();
        js_sys::Reflect::set(&element, &"value".into(), &(*value).into()).unwrap();
    }
    doc.get_element_by_id("application")
        .unwrap()
        .unchecked_into()
}

fn attach(form: &HtmlFormElement, debounce: u32) -> FormHandle {
    let ui = js_sys::Object::new();
    js_sys::Reflect::set(&ui, &"debounce".into(), &debounce.into()).unwrap();
    FormHandle::new(
        form.clone().into(),
        r#"{"jurisdiction":"tongzhou","asOf":"2026-11-30"}"#,
        ui.into(),
    )
    .unwrap()
}

fn report(handle: &FormHandle) -> Json {
    serde_json::from_slice(&handle.report().unwrap()).unwrap()
}

fn fire(target: &Element, name: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(name, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

fn by_id(id: &str) -> Element {
    doc().get_element_by_id(id).unwrap()
}

fn select_all(selector: &str) -> Vec<Element> {
    let list = doc().query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

/// Types `value` into the field: an `input` event.
fn type_into(id: &str, value: &str) {
    let field = by_id(id);
    field.unchecked_ref::<HtmlInputElement>().set_value(value);
    fire(&field, "input");
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
fn reads_the_controls_and_leaves_the_portals_own_alone() {
    let form = form(&[("amount", "300.01"), ("kind", "new")]);
    by_id("application")
        .query_selector("input[value=applicationForm]")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlInputElement>()
        .set_checked(true);
    let mut handle = attach(&form, 0);
    let r = report(&handle);
    assert_eq!(r["outcomes"]["supervision"]["value"]["mode"], "mandatory");
    let missing: Vec<&str> = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "DC001")
        .map(|d| d["params"]["documentKey"].as_str().unwrap())
        .collect();
    assert!(!missing.contains(&"applicationForm"), "{missing:?}");
    assert!(missing.contains(&"proposal"), "{missing:?}");
    assert!(
        codes_at(&r, "csrfToken").is_empty(),
        "the portal's token is no field"
    );
    handle.detach();
}

/// attach() with the application carried in `govitApplication`, at a stage this form can pass.
fn attach_carrying(form: &HtmlFormElement) -> FormHandle {
    let ui = js_sys::Object::new();
    js_sys::Reflect::set(&ui, &"applicationField".into(), &"govitApplication".into()).unwrap();
    // The implementation stage asks this form for a supervision contract above 100 万元 only.
    FormHandle::new(
        form.clone().into(),
        r#"{"jurisdiction":"tongzhou","asOf":"2026-11-30","stage":"implementation"}"#,
        ui.into(),
    )
    .unwrap()
}

fn carried(form: &HtmlFormElement) -> String {
    form.query_selector("input[name=govitApplication]")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlInputElement>()
        .value()
}

#[wasm_bindgen_test]
fn a_check_box_is_read_and_not_the_hidden_input_a_server_framework_writes_beside_it() {
    let form = form(&[("name", "某项目"), ("amount", "80"), ("kind", "new")]);
    form.insert_adjacent_html(
        "beforeend",
        r#"<input type="hidden" name="inAnnualPlan" value="false">
           <label><input type="checkbox" id="plan" name="inAnnualPlan" value="true"> 已纳入年度计划</label>"#,
    )
    .unwrap();
    by_id("plan")
        .unchecked_ref::<HtmlInputElement>()
        .set_checked(true);
    let mut handle = attach_carrying(&form);
    handle.validate().unwrap();
    let read: Json = serde_json::from_str(&carried(&form)).unwrap();
    assert_eq!(read["inAnnualPlan"], true, "{read}");
    handle.detach();
}

#[wasm_bindgen_test]
fn the_application_field_carries_the_application_checked_once_it_has_no_errors() {
    let form = form(&[("name", "某项目"), ("amount", "268.5"), ("kind", "new")]);
    let mut handle = attach_carrying(&form);
    let carrier = form
        .query_selector("input[name=govitApplication]")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlInputElement>();
    assert_eq!(carrier.type_(), "hidden");
    assert_eq!(carried(&form), "");
    // With errors, nothing is carried; the hidden field is no field of the application.
    let checked: Json = serde_json::from_slice(&handle.validate().unwrap()).unwrap();
    assert_eq!(checked["summary"]["errors"], 1, "{checked}");
    assert_eq!(carried(&form), "");
    assert!(codes_at(&checked, "govitApplication").is_empty());
    // Without, the application as the page read it: what the server re-checks.
    type_into("amount", "80");
    let checked: Json = serde_json::from_slice(&handle.validate().unwrap()).unwrap();
    assert_eq!(checked["summary"]["errors"], 0, "{checked}");
    let read: Json = serde_json::from_str(&carried(&form)).unwrap();
    assert_eq!(
        read,
        serde_json::json!({
            "name": "某项目", "totalInvestment": "80", "kind": "new", "documents": []
        })
    );
    // Changed since, the form is not what was checked: nothing is carried until it is again.
    type_into("amount", "81");
    report(&handle);
    assert_eq!(carried(&form), "");
    handle.validate().unwrap();
    assert!(carried(&form).contains("\"81\""));
    handle.detach();
    assert_eq!(
        form.query_selector_all("[data-gov-application]")
            .unwrap()
            .length(),
        0
    );
}

#[wasm_bindgen_test]
fn passing_through_a_field_shows_nothing_and_changing_it_does() {
    let form = form(&[]);
    let mut handle = attach(&form, 0);
    let name = by_id("name");
    fire(&name, "focusout");
    assert!(select_all(".gov-error").is_empty(), "passing through");
    type_into("name", "x");
    type_into("name", "");
    fire(&name, "focusout");
    let shown = select_all(".gov-error[data-path=name]");
    assert_eq!(shown.len(), 1, "changed and left");
    assert_eq!(
        shown[0].class_name(),
        "gov-error",
        "an error's classes, each once"
    );
    assert_eq!(shown[0].get_attribute("lang").as_deref(), Some("zh-CN"));
    assert_eq!(name.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = name.get_attribute("aria-describedby").unwrap();
    assert_eq!(described, format!("{}-text", shown[0].id()));
    assert!(
        !by_id(&described).text_content().unwrap().contains("依据"),
        "the basis is on demand"
    );
    assert!(shown[0]
        .query_selector("details.gov-cite")
        .unwrap()
        .is_some());
    // In English on a Chinese page, what the component writes says it is English (WCAG 3.1.2).
    handle
        .set_options(r#"{"jurisdiction":"tongzhou","asOf":"2026-11-30","locale":"en"}"#)
        .unwrap();
    let shown = select_all(".gov-error[data-path=name]");
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].get_attribute("lang").as_deref(), Some("en"));
    let text = shown[0].text_content().unwrap();
    assert!(text.contains("Fill in"), "{text}");
    let panel = select_all(".gov-verdicts-body");
    assert_eq!(panel[0].get_attribute("lang").as_deref(), Some("en"));
    handle.detach();
}

/// A lone box that answers a yes/no field has its message after its own label, not after the
/// legend of the fieldset it sits in with other boxes.
#[wasm_bindgen_test]
fn a_lone_boxs_message_sits_after_its_own_label() {
    let form = form(&[]);
    form.insert_adjacent_html(
        "afterbegin",
        r#"<fieldset><legend>项目特点</legend>
        <label><input type="checkbox" name="urgent"> 情况紧急、确需增补</label>
        <label id="dq-label"><input type="checkbox" id="dq" name="designerQualified"> 建议书由具有相关资质的设计单位编制</label>
        </fieldset>"#,
    )
    .unwrap();
    let mut handle = attach(&form, 0);
    let dq = by_id("dq");
    fire(&dq, "change");
    fire(&dq, "focusout");
    let shown = select_all(".gov-error[data-path=designerQualified]");
    assert_eq!(
        shown.len(),
        1,
        "{:?}",
        codes_at(&report(&handle), "designerQualified")
    );
    let container = shown[0].parent_element().unwrap();
    assert_eq!(
        container.previous_element_sibling().map(|e| e.id()),
        Some("dq-label".to_string())
    );
    handle.detach();
}

/// Chromium fires `change` on a date or month input at each part typed, while it has the focus
/// (a year typed as 2025 passes through 0002, 0020 and 0202): that is typing, and an error waits
/// until the field is left.
#[wasm_bindgen_test]
async fn a_month_typed_part_by_part_shows_its_error_when_left() {
    let form = form(&[]);
    form.insert_adjacent_html(
        "afterbegin",
        r#"<label for="start">启动年月</label><input id="start" type="month" name="startMonth" value="2026-03">
        <label for="end">计划完成年月</label><input id="end" type="month" name="plannedCompletionMonth">"#,
    )
    .unwrap();
    let mut handle = attach(&form, 0);
    let end = by_id("end");
    end.unchecked_ref::<HtmlInputElement>().focus().unwrap();
    end.unchecked_ref::<HtmlInputElement>().set_value("0002-12");
    fire(&end, "input");
    fire(&end, "change");
    sleep(20).await;
    assert!(
        select_all(".gov-error[data-path=plannedCompletionMonth]").is_empty(),
        "no error while the year is being typed"
    );
    end.unchecked_ref::<HtmlInputElement>().blur().unwrap();
    fire(&end, "focusout");
    // A year no project's could be: a typing slip, at the field.
    assert_eq!(
        codes_at(&report(&handle), "plannedCompletionMonth"),
        ["IN015"]
    );
    assert_eq!(
        select_all(".gov-error[data-path=plannedCompletionMonth]").len(),
        1,
        "shown once left"
    );
    handle.detach();
}

#[wasm_bindgen_test]
async fn an_error_goes_while_typing_and_a_new_one_waits_for_leaving() {
    let form = form(&[]);
    let mut handle = attach(&form, 0);
    type_into("amount", "12.34567");
    fire(&by_id("amount"), "focusout");
    assert_eq!(select_all(".gov-error[data-path=totalInvestment]").len(), 1);
    type_into("amount", "12.3");
    sleep(20).await;
    assert!(
        select_all(".gov-error[data-path=totalInvestment]").is_empty(),
        "gone while typing"
    );
    assert_eq!(by_id("amount").get_attribute("aria-invalid"), None);
    type_into("amount", "12.34567");
    sleep(20).await;
    assert!(
        select_all(".gov-error[data-path=totalInvestment]").is_empty(),
        "not back until left"
    );
    handle.detach();
}

#[wasm_bindgen_test]
fn the_summary_follows_the_form_and_links_each_document_to_its_own_box() {
    let form = form(&[("amount", "120"), ("kind", "new")]);
    let mut handle = attach(&form, 0);
    let r: Json = serde_json::from_slice(&handle.validate().unwrap()).unwrap();
    assert!(r["summary"]["errors"].as_u64().unwrap() > 0);
    let targets: Vec<Element> = select_all(".gov-summary-list a")
        .iter()
        .map(|a| by_id(&a.get_attribute("href").unwrap()[1..]))
        .collect();
    assert!(!targets.is_empty());
    for pair in targets.windows(2) {
        let follows = pair[0] == pair[1]
            || pair[0].compare_document_position(&pair[1])
                & web_sys::Node::DOCUMENT_POSITION_FOLLOWING
                != 0;
        assert!(follows, "summary in form order");
    }
    let boxes: Vec<String> = targets
        .iter()
        .filter(|t| t.get_attribute("name").as_deref() == Some("documents"))
        .map(|t| t.unchecked_ref::<HtmlInputElement>().value())
        .collect();
    let texts: Vec<String> = select_all(".gov-summary-list a")
        .iter()
        .map(|a| a.text_content().unwrap())
        .collect();
    assert_eq!(
        boxes,
        [
            "applicationForm",
            "proposal",
            "meetingMinutes",
            "proposalReview"
        ],
        "{texts:#?}"
    );
    // Focus: the summary, then the control a link names.
    let active = || doc().active_element().unwrap();
    assert!(active().class_list().contains("gov-summary"));
    // A region named by its title.
    assert_eq!(active().get_attribute("role").as_deref(), Some("region"));
    let title = active().get_attribute("aria-labelledby").unwrap();
    assert_eq!(
        by_id(&title).text_content().as_deref(),
        Some("存在以下问题")
    );
    let link: HtmlElement = select_all(".gov-summary-list a")[0]
        .clone()
        .unchecked_into();
    link.click();
    assert_eq!(active(), targets[0]);
    assert!(doc().title().starts_with("错误："));
    handle.detach();
}

#[wasm_bindgen_test]
fn the_live_region_speaks_only_when_a_verdict_changes() {
    let form = form(&[("amount", "99"), ("kind", "new")]);
    let mut handle = attach(&form, 0);
    let announcer = select_all(".gov-announce[role=status]").pop().unwrap();
    assert_eq!(
        announcer.text_content().as_deref(),
        Some(""),
        "the first state is not read out"
    );
    assert_eq!(
        select_all(".gov-verdicts")[0].get_attribute("aria-live"),
        None,
        "the panel itself is not live"
    );
    type_into("amount", "300.01");
    fire(&by_id("amount"), "focusout");
    let said = announcer.text_content().unwrap();
    assert!(
        said.starts_with("工程监理：必须实行工程监理（预计总投资 300.01 万元"),
        "{said}"
    );
    let beside =
        select_all(".gov-beside[data-gov-for=totalInvestment] li[data-outcome=supervision]");
    assert_eq!(beside.len(), 1, "the verdict beside the amount");
    let text = beside[0].text_content().unwrap();
    assert!(text.starts_with("工程监理：必须实行工程监理"), "{text}");
    assert!(
        text.contains("200.01 万元"),
        "how far from the 100 万元 line: {text}"
    );
    announcer.set_text_content(Some("unchanged"));
    type_into("name", "智慧城市");
    fire(&by_id("name"), "focusout");
    type_into("amount", "400");
    fire(&by_id("amount"), "focusout");
    assert_eq!(announcer.text_content().as_deref(), Some("unchanged"));
    handle.detach();
}

#[wasm_bindgen_test]
async fn while_typing_a_verdict_is_said_once_typing_pauses_as_the_net_change() {
    let form = form(&[("amount", "99"), ("kind", "new")]);
    let mut handle = attach(&form, 0);
    let announcer = select_all(".gov-announce[role=status]").pop().unwrap();
    let shown = || {
        select_all("dd[data-outcome=supervision]")[0]
            .get_attribute("data-value")
            .unwrap_or_default()
    };
    let before = shown();
    type_into("amount", "300.01");
    sleep(50).await;
    assert_ne!(shown(), before, "the panel follows the keystroke");
    assert_eq!(
        announcer.text_content().as_deref(),
        Some(""),
        "not said yet"
    );
    // Back to where it was before typing paused: nothing changed, nothing is said.
    type_into("amount", "99");
    sleep(1300).await;
    assert_eq!(shown(), before);
    assert_eq!(announcer.text_content().as_deref(), Some(""));
    type_into("amount", "300.01");
    sleep(1300).await;
    let said = announcer.text_content().unwrap();
    assert!(
        said.starts_with("工程监理：必须实行工程监理（预计总投资 300.01 万元"),
        "said once typing paused: {said}"
    );
    // Leaving the field says it at once.
    announcer.set_text_content(Some("unchanged"));
    type_into("amount", "99");
    sleep(50).await;
    assert_eq!(announcer.text_content().as_deref(), Some("unchanged"));
    fire(&by_id("amount"), "focusout");
    let said = announcer.text_content().unwrap();
    assert!(said.contains("工程监理：申请统一监理服务"), "{said}");
    handle.detach();
}

#[wasm_bindgen_test]
async fn nothing_moves_while_a_pointer_is_pressed() {
    let form = form(&[]);
    let mut handle = attach(&form, 0);
    fire(&doc().document_element().unwrap(), "pointerdown");
    type_into("amount", "abc");
    fire(&by_id("amount"), "focusout");
    sleep(10).await;
    assert!(
        select_all(".gov-error").is_empty(),
        "held while the pointer is down"
    );
    fire(&doc().document_element().unwrap(), "pointerup");
    sleep(10).await;
    assert_eq!(
        select_all(".gov-error[data-path=totalInvestment]").len(),
        1,
        "shown once released"
    );
    handle.detach();
}

#[wasm_bindgen_test]
fn detach_leaves_the_form_as_it_was() {
    let form = form(&[]);
    by_id("name")
        .set_attribute("aria-describedby", "portal-hint")
        .unwrap();
    let before = form.inner_html();
    let title = doc().title();
    let mut handle = attach(&form, 0);
    handle.validate().unwrap();
    assert!(!select_all(".gov-error").is_empty());
    handle.detach();
    assert_eq!(form.inner_html(), before);
    assert_eq!(doc().title(), title);
    assert!(handle.report().is_err(), "a detached handle says so");
    let _ = JsValue::NULL;
}

#[wasm_bindgen_test]
async fn verdicts_hold_while_a_typed_amount_cannot_be_read_yet() {
    let form = form(&[("kind", "new")]);
    let mut handle = attach(&form, 0);
    let status = || {
        select_all("dd[data-outcome=supervision]")[0]
            .get_attribute("data-status")
            .unwrap()
    };
    type_into("amount", "300");
    sleep(20).await;
    assert_eq!(status(), "determined");
    type_into("amount", "300.");
    sleep(20).await;
    assert_eq!(
        status(),
        "determined",
        "「300.」 is on the way to 「300.5」"
    );
    fire(&by_id("amount"), "focusout");
    assert_eq!(
        status(),
        "undetermined",
        "left as 「300.」, it is unreadable"
    );
    assert_eq!(select_all(".gov-error[data-path=totalInvestment]").len(), 1);
    handle.detach();
}

#[wasm_bindgen_test]
async fn values_set_by_script_and_controls_that_come_or_go_are_read() {
    let form = form(&[("amount", "99"), ("kind", "new")]);
    let mut handle = attach(&form, 0);
    let supervision = |handle: &FormHandle| report(handle)["outcomes"]["supervision"].clone();
    assert_ne!(supervision(&handle)["value"]["mode"], "mandatory");

    // A saved draft loaded: setting a value fires no event.
    by_id("amount")
        .unchecked_ref::<HtmlInputElement>()
        .set_value("300.01");
    assert_ne!(supervision(&handle)["value"]["mode"], "mandatory");
    handle.refresh().unwrap();
    assert_eq!(supervision(&handle)["value"]["mode"], "mandatory");
    assert!(
        select_all("#application .gov-error").is_empty(),
        "reading the form again shows no error the applicant has not met"
    );

    by_id("amount").remove();
    sleep(0).await;
    assert_eq!(
        supervision(&handle)["status"],
        "undetermined",
        "a control gone holds nothing"
    );

    let section = doc().create_element("div").unwrap();
    section.set_inner_html(r#"<input id="amount" name="totalInvestment" value="abc">"#);
    form.append_with_node_1(&section).unwrap();
    sleep(0).await;
    assert_eq!(codes_at(&report(&handle), "totalInvestment"), ["IN001"]);
    type_into("amount", "abcd");
    fire(&by_id("amount"), "focusout");
    assert!(by_id("amount").get_attribute("aria-describedby").is_some());
    // The framework renders the control afresh: its message follows it.
    section.set_inner_html(r#"<input id="amount" name="totalInvestment" value="abcd">"#);
    sleep(0).await;
    let described = by_id("amount").get_attribute("aria-describedby").unwrap();
    let message = by_id(&described).text_content().unwrap();
    assert!(message.contains("「abcd」不是有效金额"), "{message}");
    assert_eq!(
        by_id("amount").get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        select_all("#application .gov-error[data-path=totalInvestment]").len(),
        1
    );

    // 相城 asks for a resource table.
    handle
        .set_options(r#"{"jurisdiction":"xiangcheng","asOf":"2026-11-30"}"#)
        .unwrap();
    let table = doc().create_element("table").unwrap();
    table.set_attribute("data-gov-table", "resources").unwrap();
    table.set_inner_html(
        r#"<tbody><tr data-gov-row><td><input data-gov-cell="name" value="企业名录"></td><td><input data-gov-cell="sharing" value="随便"></td></tr></tbody>"#,
    );
    form.append_with_node_1(&table).unwrap();
    sleep(0).await;
    assert_eq!(
        codes_at(&report(&handle), "resources[0].sharing"),
        ["RS002"]
    );
    table.remove();
    sleep(0).await;
    assert!(codes_at(&report(&handle), "resources[0].sharing").is_empty());
    handle.detach();
}

#[wasm_bindgen_test]
async fn a_reset_reads_the_form_again_and_shows_no_error_until_one_is_met() {
    let form = form(&[]);
    let mut handle = attach(&form, 0);
    type_into("amount", "12abc");
    fire(&by_id("amount"), "focusout");
    handle.validate().unwrap();
    assert!(!select_all("#application .gov-error").is_empty());
    assert!(doc().title().starts_with("错误："), "{}", doc().title());

    form.reset();
    sleep(10).await;
    assert!(
        select_all("#application .gov-error").is_empty(),
        "the reset form shows nothing the applicant has not met"
    );
    assert!(select_all("#application .gov-summary")[0].has_attribute("hidden"));
    assert!(!doc().title().starts_with("错误："), "{}", doc().title());
    assert_eq!(by_id("amount").get_attribute("aria-invalid"), None);
    let reading = report(&handle);
    assert!(
        !codes_at(&reading, "totalInvestment").contains(&"IN001".to_string()),
        "the report is of the reset form"
    );

    // A reset the page cancels changes nothing.
    type_into("amount", "12abc");
    fire(&by_id("amount"), "focusout");
    let cancel = gloo_events::EventListener::new_with_options(
        &form,
        "reset",
        gloo_events::EventListenerOptions::enable_prevent_default(),
        |e| e.prevent_default(),
    );
    form.reset();
    sleep(10).await;
    assert_eq!(codes_at(&report(&handle), "totalInvestment"), ["IN001"]);
    assert_eq!(select_all("#application .gov-error").len(), 1);
    drop(cancel);
    handle.detach();
}

/// 相城's resource table, one row with 有条件共享 and no condition.
fn resource_table(form: &HtmlFormElement) -> Element {
    let table = doc().create_element("table").unwrap();
    table.set_attribute("data-gov-table", "resources").unwrap();
    table.set_inner_html(
        r#"<tbody><tr data-gov-row><td><input data-gov-cell="name" value="企业名录"></td><td><input data-gov-cell="sharing" value="有条件共享"></td><td><input data-gov-cell="condition"></td><td><input data-gov-cell="updateFrequency"></td></tr></tbody>"#,
    );
    form.append_with_node_1(&table).unwrap();
    table
}

fn duplicate_ids() -> Vec<String> {
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    for element in select_all("[id]") {
        *seen.entry(element.id()).or_default() += 1;
    }
    seen.into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(id, _)| id)
        .collect()
}

#[wasm_bindgen_test]
async fn a_row_cloned_with_its_messages_arrives_without_them_and_shows_nothing_of_its_own() {
    let form = form(&[]);
    let mut handle = attach(&form, 0);
    handle
        .set_options(r#"{"jurisdiction":"xiangcheng","asOf":"2026-11-30"}"#)
        .unwrap();
    let table = resource_table(&form);
    sleep(0).await;
    let condition = table
        .query_selector("[data-gov-cell=condition]")
        .unwrap()
        .unwrap();
    condition.unchecked_ref::<HtmlInputElement>().set_value("x");
    fire(&condition, "input");
    condition.unchecked_ref::<HtmlInputElement>().set_value("");
    fire(&condition, "input");
    fire(&condition, "focusout");
    assert!(!select_all("[data-gov-table] .gov-error").is_empty());

    // The page's 增加一行, as old pages write it: the last row cloned and emptied.
    let tbody = table.query_selector("tbody").unwrap().unwrap();
    let add_row = || {
        let last = tbody.last_element_child().unwrap();
        let copy: Element = last.clone_node_with_deep(true).unwrap().unchecked_into();
        let inputs = copy.query_selector_all("input").unwrap();
        for i in 0..inputs.length() {
            inputs
                .item(i)
                .unwrap()
                .unchecked_into::<HtmlInputElement>()
                .set_value("");
        }
        tbody.append_with_node_1(&copy).unwrap();
        copy
    };
    let second = add_row();
    sleep(0).await;
    assert_eq!(
        second
            .query_selector_all(".gov-field-errors")
            .unwrap()
            .length(),
        0
    );
    assert_eq!(
        second
            .query_selector_all("[aria-invalid], [aria-describedby]")
            .unwrap()
            .length(),
        0
    );
    assert_eq!(duplicate_ids(), Vec::<String>::new());
    assert!(
        select_all(".gov-error[data-path^='resources[1]']").is_empty(),
        "a new row shows no error before the applicant has been in it"
    );

    // Typing into the first row shows nothing of the second.
    let name = table
        .query_selector("[data-gov-cell=name]")
        .unwrap()
        .unwrap();
    name.unchecked_ref::<HtmlInputElement>()
        .set_value("企业名录2");
    fire(&name, "input");
    fire(&name, "focusout");
    assert!(select_all(".gov-error[data-path^='resources[1]']").is_empty());

    // After a submit the summary gives id-less controls ids; a row cloned then carries them.
    handle.validate().unwrap();
    let third = add_row();
    sleep(0).await;
    handle.validate().unwrap();
    assert_eq!(duplicate_ids(), Vec::<String>::new());
    let link = select_all(".gov-summary a[data-gov-path='resources[2].name']");
    let target = link[0].get_attribute("href").unwrap();
    assert!(
        third.contains(Some(by_id(&target[1..]).as_ref())),
        "the summary's link leads into the row it names"
    );
    handle.detach();
    assert_eq!(
        select_all("#application [aria-describedby], #application .gov-field-errors").len(),
        0
    );
}

#[wasm_bindgen_test]
async fn what_the_field_shows_is_what_is_checked_and_the_pages_own_descriptions_are_kept() {
    let form = form(&[("kind", "new")]);
    let mut handle = attach(&form, 0);
    // A controlled input that keeps two decimals puts its value back after the form has heard
    // the keystroke, as React does from its root.
    let mask = gloo_events::EventListener::new(&doc(), "input", |e| {
        let input: HtmlInputElement = e.target().unwrap().unchecked_into();
        if let Some((whole, decimals)) = input.value().split_once('.') {
            let kept: String = decimals.chars().take(2).collect();
            input.set_value(&format!("{whole}.{kept}"));
        }
    });
    type_into("amount", "50.001");
    sleep(10).await;
    assert_eq!(
        by_id("amount").unchecked_ref::<HtmlInputElement>().value(),
        "50.00"
    );
    assert_eq!(
        report(&handle)["outcomes"]["approval"]["value"]["need"],
        "mayBeExempt",
        "the amount checked is the one the field shows"
    );
    drop(mask);

    // The page describes the control itself, and its framework changes that description while a
    // message is shown.
    by_id("amount")
        .set_attribute("aria-describedby", "hint-1")
        .unwrap();
    type_into("amount", "abc");
    fire(&by_id("amount"), "focusout");
    let described = by_id("amount").get_attribute("aria-describedby").unwrap();
    assert!(described.starts_with("hint-1 gov-"), "{described}");
    by_id("amount")
        .set_attribute("aria-describedby", "hint-2")
        .unwrap();
    type_into("amount", "abcd");
    fire(&by_id("amount"), "focusout");
    let described = by_id("amount").get_attribute("aria-describedby").unwrap();
    assert!(described.starts_with("hint-2 gov-"), "{described}");
    type_into("amount", "300");
    fire(&by_id("amount"), "focusout");
    assert_eq!(
        by_id("amount").get_attribute("aria-describedby").as_deref(),
        Some("hint-2")
    );
    handle.detach();
}

/// The panel, the summary and the live region are in the form once each: the live ones.
fn each_region_once(form: &HtmlFormElement, after: &str) {
    for region in [".gov-summary", ".gov-announce", ".gov-verdicts"] {
        assert_eq!(
            form.query_selector_all(region).unwrap().length(),
            1,
            "{after}: one {region}, the live one"
        );
    }
}

#[wasm_bindgen_test]
async fn a_form_rendered_afresh_gets_its_panel_summary_and_slot_messages_back() {
    let form = form(&[]);
    let mut handle = attach(&form, 0);
    // The page's own slot for the name's messages, which its framework renders afresh.
    let slot = doc().create_element("div").unwrap();
    slot.set_attribute("data-gov-error-for", "name").unwrap();
    form.append_with_node_1(&slot).unwrap();
    type_into("name", "x");
    type_into("name", "");
    fire(&by_id("name"), "focusout");
    assert_eq!(slot.query_selector_all(".gov-error").unwrap().length(), 1);
    slot.set_text_content(Some("（由系统带出）"));
    handle.refresh().unwrap();
    assert_eq!(
        slot.query_selector_all(".gov-error").unwrap().length(),
        1,
        "the message is put back in its slot"
    );

    // The content set again from itself (`form.innerHTML = form.innerHTML`): copies of the panel,
    // the summary, the live region and the messages come with it.
    handle.validate().unwrap();
    form.set_inner_html(&form.inner_html());
    sleep(0).await;
    each_region_once(&form, "the content set again from itself");
    assert_eq!(duplicate_ids(), Vec::<String>::new());

    // The whole content replaced, as a template re-rendered into the form.
    form.set_inner_html(
        r#"<label for="amount">预计总投资（万元）</label><input id="amount" name="totalInvestment"><button type="submit">提交申报</button>"#,
    );
    sleep(0).await;
    each_region_once(&form, "the content replaced");
    handle.validate().unwrap();
    assert!(!select_all("#application .gov-summary li").is_empty());
    handle.detach();
}
