//! Compresses every answer the client accepts compressed (brotli, else gzip) but those that are
//! compressed already: the site's precompressed files, images, PDFs and Office files (zip
//! archives), and the event streams, which must reach the browser as each event is written.
//!
//! Brotli is ours rather than tower-http's, which keeps brotli's default 4 MB window: the encoder
//! then allocates and clears 4 MB for each answer, which took a tenth of a dashboard's time at the
//! scale of docs/performance.md. A 1 MB window holds a whole page, so pages compress the same.
//! Gzip, for the clients without brotli, stays with tower-http's layer, which leaves alone what
//! this one compressed.

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use futures_util::TryStreamExt;
use tower_http::compression::predicate::{NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel, DefaultPredicate};

/// Quality 4 compresses a page within a millisecond or two, nearly as well as gzip's best.
const QUALITY: i32 = 4;

/// Brotli's window, as a power of two: 1 MB, more than a page.
const BROTLI_WINDOW: i32 = 20;

/// Which answers are worth compressing (tower-http's default: not tiny, not images, not event
/// streams), bar those that are compressed archives already.
fn compressible() -> impl Predicate {
    DefaultPredicate::new()
        .and(NotForContentType::const_new("application/pdf"))
        .and(NotForContentType::const_new(
            "application/vnd.openxmlformats",
        ))
        .and(NotForContentType::const_new("application/zip"))
}

/// Gzip for the clients that do not accept brotli (tower-http's layer); put outside `brotli`.
pub fn gzip() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new()
        .no_br()
        .no_deflate()
        .no_zstd()
        .quality(CompressionLevel::Precise(QUALITY))
        .compress_when(compressible())
}

/// Brotli for the clients that accept it (`axum::middleware::from_fn`).
pub async fn brotli(request: Request, next: Next) -> Response {
    let accepted = accepts_brotli(request.headers());
    let response = next.run(request).await;
    if !accepted
        || response.headers().contains_key(header::CONTENT_ENCODING)
        || response.headers().contains_key(header::CONTENT_RANGE)
        || !compressible().should_compress(&response)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let headers = &mut parts.headers;
    headers.remove(header::CONTENT_LENGTH);
    headers.remove(header::ACCEPT_RANGES);
    headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
    let varies = headers
        .get_all(header::VARY)
        .iter()
        .any(|value| value.as_bytes().eq_ignore_ascii_case(b"accept-encoding"));
    if !varies {
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    let params = async_compression::brotli::EncoderParams::default()
        .quality(async_compression::Level::Precise(QUALITY))
        .window_size(BROTLI_WINDOW);
    let uncompressed =
        tokio_util::io::StreamReader::new(body.into_data_stream().map_err(std::io::Error::other));
    let compressed =
        async_compression::tokio::bufread::BrotliEncoder::with_params(uncompressed, params);
    Response::from_parts(
        parts,
        Body::from_stream(tokio_util::io::ReaderStream::new(compressed)),
    )
}

/// Whether `Accept-Encoding` names brotli with a weight above zero.
fn accepts_brotli(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|coding| {
            let mut parts = coding.split(';');
            let named = parts
                .next()
                .is_some_and(|name| name.trim().eq_ignore_ascii_case("br"));
            named
                && parts.all(|parameter| {
                    let parameter = parameter.trim();
                    let weight = parameter
                        .strip_prefix("q=")
                        .or_else(|| parameter.strip_prefix("Q="));
                    weight.is_none_or(|q| q.trim().parse::<f32>().is_ok_and(|q| q > 0.0))
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepts(value: &str) -> bool {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).unwrap(),
        );
        accepts_brotli(&headers)
    }

    #[test]
    fn brotli_is_accepted_when_named_with_a_weight_above_zero() {
        assert!(accepts("gzip, deflate, br, zstd"));
        assert!(accepts("BR;q=0.5"));
        assert!(accepts("gzip;q=1.0, br; q=0.1"));
        assert!(!accepts("gzip, deflate"));
        assert!(!accepts("br;q=0"));
        assert!(!accepts("br;q=0.0, gzip"));
        assert!(!accepts("brotli"));
        assert!(!accepts_brotli(&HeaderMap::new()));
    }
}
