//! The API's OpenAPI 3.1 document, generated from its handlers and types with `utoipa`, served as
//! JSON (`/api/v1/openapi.json`) and as a page that reads it for people (`/api/v1/docs`): each
//! operation with its parameters, body and answers, then each schema with its fields. The page is
//! written on the server from the document itself, so it cannot say anything the API does not do.

use axum::{
    http::{header, HeaderMap, Uri},
    response::{Html, IntoResponse, Response},
};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{OpenApi as Document, RefOr, Schema};
use utoipa::{Modify, OpenApi};

use super::{reads, writes, FieldError, PageInfo, ProblemDetails};
use app::i18n::t;
use app::markup::escape;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Enlace API",
        version = "1",
        description = "The regional action plan against migrant smuggling of the Regional Conference on Migration: its plan, where each country stands, the Protocol-compliance indicators and the reporting rounds; and a country's reports and values, written with the same rules, versions and audit as the pages. Every request carries a personal API token (`Authorization: Bearer enl_…`) created on the account page, and acts as its user. Lists come in pages (`page`, `per_page`); answers carry an `ETag`; errors are RFC 9457 problem details (`application/problem+json`) in the language of `Accept-Language` or `?lang=`. Each token may make 600 requests a minute unless the server is set otherwise; beyond, `429` says when to come back (`Retry-After`).",
    ),
    servers((url = "/api/v1")),
    paths(
        reads::plan,
        reads::themes,
        reads::actions,
        reads::action,
        reads::countries,
        reads::statuses,
        reads::milestones,
        reads::indicators,
        reads::indicator_values,
        reads::assessments,
        reads::scorecard,
        reads::rounds,
        reads::submissions,
        writes::report,
        writes::values,
    ),
    components(schemas(ProblemDetails, FieldError, PageInfo)),
    modifiers(&TokenScheme),
    tags(
        (name = "plan", description = "The plan in force: themes, actions, milestones"),
        (name = "countries", description = "The member and observer countries"),
        (name = "statuses", description = "Where each action stands in each country"),
        (name = "indicators", description = "Protocol-compliance indicators, values and assessments"),
        (name = "rounds", description = "Reporting rounds and submissions"),
        (name = "writes", description = "A country's reports and values"),
    )
)]
pub struct ApiDoc;

/// The bearer token every operation asks for.
struct TokenScheme;

impl Modify for TokenScheme {
    fn modify(&self, document: &mut Document) {
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some(
                "A personal API token (`enl_…`) from the account page.",
            ))
            .build();
        document
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("token", SecurityScheme::Http(scheme));
    }
}

/// The document, generated once.
fn document() -> &'static Document {
    static DOCUMENT: std::sync::OnceLock<Document> = std::sync::OnceLock::new();
    DOCUMENT.get_or_init(ApiDoc::openapi)
}

/// The document as JSON.
pub fn document_json() -> String {
    document().to_pretty_json().expect("the document is JSON")
}

pub async fn openapi_json() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        document_json(),
    )
        .into_response()
}

/// A value of the document as its JSON writes it (`3.1.0`, `query`).
fn serialized(value: &impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// The document for people, in the reader's language around it.
pub async fn page(uri: Uri, headers: HeaderMap) -> Html<String> {
    let lang = app::i18n::request_language(&uri, &headers);
    let document = document();
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title></head>\
         <body><main id=\"main\" class=\"api-docs\"><p class=\"breadcrumb\"><a href=\"/account#api-tokens\">{}</a></p>\
         <h1>{}</h1><p>{}</p><p><a href=\"/api/v1/openapi.json\">openapi.json</a> (OpenAPI {})</p>",
        lang.code(),
        escape(&document.info.title),
        escape(&t(lang, "tokens-heading")),
        escape(&document.info.title),
        escape(document.info.description.as_deref().unwrap_or_default()),
        escape(&serialized(&document.openapi)),
    );
    html.push_str(&operations(document));
    html.push_str(&schemas(document, lang));
    html.push_str("</main></body></html>");
    Html(html)
}

/// Each operation: its method and path, summary, parameters and answers.
fn operations(document: &Document) -> String {
    let mut html = String::new();
    for (path, item) in &document.paths.paths {
        let operations = [
            ("GET", &item.get),
            ("PUT", &item.put),
            ("POST", &item.post),
            ("DELETE", &item.delete),
        ];
        for (method, operation) in operations {
            let Some(operation) = operation else {
                continue;
            };
            html.push_str(&format!(
                "<section class=\"api-operation\"><h2><code>{method} /api/v1{}</code></h2><p>{}</p>",
                escape(path),
                escape(operation.summary.as_deref().unwrap_or_default())
            ));
            if let Some(description) = &operation.description {
                html.push_str(&format!("<p>{}</p>", escape(description)));
            }
            if let Some(parameters) = &operation.parameters {
                html.push_str("<ul>");
                for parameter in parameters {
                    html.push_str(&format!(
                        "<li><code>{}</code> ({}){}</li>",
                        escape(&parameter.name),
                        serialized(&parameter.parameter_in),
                        parameter
                            .description
                            .as_deref()
                            .map(|d| format!(": {}", escape(d)))
                            .unwrap_or_default()
                    ));
                }
                html.push_str("</ul>");
            }
            html.push_str("<ul>");
            for (status, response) in &operation.responses.responses {
                let description = match response {
                    RefOr::T(response) => response.description.clone(),
                    RefOr::Ref(reference) => reference.ref_location.clone(),
                };
                html.push_str(&format!(
                    "<li><strong>{}</strong> {}</li>",
                    escape(status),
                    escape(&description)
                ));
            }
            html.push_str("</ul></section>");
        }
    }
    html
}

/// Each schema with its fields, the required ones starred.
fn schemas(document: &Document, lang: app::i18n::Lang) -> String {
    let mut html = String::new();
    if let Some(components) = &document.components {
        html.push_str(&format!(
            "<h2>{}</h2>",
            escape(&t(lang, "api-docs-schemas"))
        ));
        for (name, schema) in &components.schemas {
            html.push_str(&format!("<section><h3 id=\"{0}\">{0}</h3>", escape(name)));
            if let RefOr::T(Schema::Object(object)) = schema {
                html.push_str("<ul>");
                for field in object.properties.keys() {
                    let required = if object.required.contains(field) {
                        " *"
                    } else {
                        ""
                    };
                    html.push_str(&format!(
                        "<li><code>{}</code>{required}</li>",
                        escape(field)
                    ));
                }
                html.push_str("</ul>");
            }
            html.push_str("</section>");
        }
    }
    html
}
