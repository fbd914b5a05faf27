//! The links that download a page's table, with the page's filters.

use leptos::prelude::*;

use super::types::Format;
use crate::i18n::{t, Lang};

/// "Download this table: Excel (XLSX) · CSV", for the table `table` with the filters `query` of
/// the page (and its language).
#[component]
pub fn DownloadLinks(table: &'static str, query: String, lang: Lang) -> impl IntoView {
    let with_lang = if query.is_empty() {
        format!("lang={}", lang.code())
    } else {
        format!("{query}&lang={}", lang.code())
    };
    view! {
        <p class="downloads">
            {t(lang, "export-download")}
            {Format::ALL
                .into_iter()
                .enumerate()
                .map(|(index, format)| {
                    let href = crate::urls::export_path(table, format, &with_lang);
                    view! {
                        {(index > 0).then_some(" · ")}
                        " "
                        <a href=href download="">{t(lang, format.label_key())}</a>
                    }
                })
                .collect_view()}
        </p>
    }
}
