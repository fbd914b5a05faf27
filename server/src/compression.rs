//! Compresses every answer the client accepts compressed (brotli, else gzip) but those that are
//! compressed already: the site's precompressed files, images, PDFs and Office files (zip
//! archives), and the event streams, which must reach the browser as each event is written.
//!
//! Brotli is ours rather than tower-http's, which keeps brotli's default 4 MB window: the encoder
//! then allocates and clears 4 MB for each answer, which took 7 % of a dashboard's CPU at the
//! scale of docs/performance.md. A 1 MB window holds a whole page, so pages compress the same; an
//! answer whose length is known (a page from the page memory) gets the smallest window that holds
//! it, since the encoder's memory grows with its window and hundreds of answers a second are
//! compressed (docs/performance.md, the eleventh pass).
//! The page memory compresses the pages it keeps itself, the same way (`brotli_compressed`), and
//! sends them marked so; this layer leaves them alone.
//! Gzip, for the clients without brotli, stays with tower-http's layer, which leaves alone what
//! this one compressed.

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::Request;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use futures_util::TryStreamExt;
use tokio::io::AsyncReadExt;
use tower_http::compression::predicate::{NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel, DefaultPredicate};

/// Quality 4 compresses a page within a millisecond or two, nearly as well as gzip's best.
const QUALITY: i32 = 4;

/// Brotli's largest window, as a power of two: 1 MB, more than a page.
const LARGEST_WINDOW: u32 = 20;

/// Brotli's smallest window taken: 64 KB (smaller ones save little and compress worse).
const SMALLEST_WINDOW: u32 = 16;

/// The window for an answer of `length` bytes (unknown: `None`): the smallest power of two that
/// holds it, within `SMALLEST_WINDOW` and `LARGEST_WINDOW`.
pub fn window_for(length: Option<u64>) -> i32 {
    let bits = length.map_or(LARGEST_WINDOW, |length| {
        u64::BITS - length.saturating_sub(1).leading_zeros()
    });
    bits.clamp(SMALLEST_WINDOW, LARGEST_WINDOW) as i32
}

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
    mark_as_brotli(&mut parts.headers);
    let params = encoder_params(HttpBody::size_hint(&body).exact());
    let uncompressed =
        tokio_util::io::StreamReader::new(body.into_data_stream().map_err(std::io::Error::other));
    let compressed =
        async_compression::tokio::bufread::BrotliEncoder::with_params(uncompressed, params);
    Response::from_parts(
        parts,
        Body::from_stream(tokio_util::io::ReaderStream::new(compressed)),
    )
}

/// Marks `headers` as those of an answer compressed with brotli, which caches must not give a
/// client that did not ask for it.
pub fn mark_as_brotli(headers: &mut HeaderMap) {
    headers.remove(header::CONTENT_LENGTH);
    headers.remove(header::ACCEPT_RANGES);
    headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
    let varies = headers.get_all(header::VARY).iter().any(|value| {
        (value.to_str().unwrap_or_default().split(','))
            .any(|name| name.trim().eq_ignore_ascii_case("accept-encoding"))
    });
    if !varies {
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
}

/// The encoder's settings for an answer of `length` bytes (unknown: `None`).
fn encoder_params(length: Option<u64>) -> async_compression::brotli::EncoderParams {
    async_compression::brotli::EncoderParams::default()
        .quality(async_compression::Level::Precise(QUALITY))
        .window_size(window_for(length))
}

/// `body` compressed with brotli as this layer compresses an answer, all at once: for the page
/// memory, which keeps a page so and sends the same bytes each time (`cache`). Reading from memory
/// never waits, so this runs to its end in one go (a few milliseconds for a 660 KB page), as the
/// layer's own compression of a page would in all.
pub async fn brotli_compressed(body: &[u8]) -> std::io::Result<Bytes> {
    let params = encoder_params(Some(body.len() as u64));
    let mut compressed = Vec::with_capacity(body.len() / 8);
    async_compression::tokio::bufread::BrotliEncoder::with_params(body, params)
        .read_to_end(&mut compressed)
        .await?;
    Ok(compressed.into())
}

/// `text` compressed with brotli as one part of a page (`window`: `window_for` the whole page),
/// to be joined with the others for each answer (`brotli_joined`): each part is compressed on its
/// own, so one of them (the reader's name) can be compressed for each answer and the rest once.
pub fn brotli_part(text: &[u8], window: i32) -> std::io::Result<Bytes> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: QUALITY,
        lgwin: window,
        // Starts byte aligned and refers to nothing before it: `BroCatli` can join it on.
        catable: true,
        appendable: true,
        ..Default::default()
    };
    let mut compressed = Vec::with_capacity(text.len() / 8 + 16);
    brotli::BrotliCompress(&mut &text[..], &mut compressed, &params)?;
    Ok(compressed.into())
}

/// The parts of a page (`brotli_part`, all with `window`) joined into one brotli stream, as a
/// browser reads it. Joining copies the parts' bytes and changes a few bits where they meet.
pub fn brotli_joined(parts: &[&[u8]], window: i32) -> std::io::Result<Bytes> {
    use brotli::concat::{BroCatli, BroCatliResult};
    let failed = |result: BroCatliResult| {
        std::io::Error::other(format!("brotli parts could not be joined: {result:?}"))
    };
    let mut joined = BroCatli::try_new_with_window_size(window as u8).map_err(failed)?;
    // The parts, their stream ends and a new one's header at most.
    let mut out = vec![0; parts.iter().map(|part| part.len()).sum::<usize>() + 16];
    let mut written = 0;
    for part in parts {
        joined.new_brotli_file();
        let mut read = 0;
        match joined.stream(part, &mut read, &mut out, &mut written) {
            BroCatliResult::Success | BroCatliResult::NeedsMoreInput if read == part.len() => {}
            result => return Err(failed(result)),
        }
    }
    match joined.finish(&mut out, &mut written) {
        BroCatliResult::Success => {
            out.truncate(written);
            Ok(out.into())
        }
        result => Err(failed(result)),
    }
}

/// What `brotli_compressed` compressed, whole again: for a client that does not take brotli.
pub async fn brotli_decompressed(compressed: &[u8]) -> std::io::Result<Bytes> {
    let mut body = Vec::with_capacity(compressed.len() * 8);
    async_compression::tokio::bufread::BrotliDecoder::new(compressed)
        .read_to_end(&mut body)
        .await?;
    Ok(body.into())
}

/// Whether the client takes brotli: `Accept-Encoding` names it with a weight above zero, and no
/// lower than gzip's (a client preferring gzip gets gzip, from the outer layer).
pub fn accepts_brotli(headers: &HeaderMap) -> bool {
    let weight_of = |name: &str| {
        headers
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .filter_map(|coding| {
                let (coding, parameters) = coding.split_once(';').unwrap_or((coding, ""));
                coding
                    .trim()
                    .eq_ignore_ascii_case(name)
                    .then(|| weight(parameters))?
            })
            .fold(0.0, f32::max)
    };
    let brotli = weight_of("br");
    brotli > 0.0 && brotli >= weight_of("gzip")
}

/// A coding's weight from its parameters (`q=0.5`): 1 without one; `None` for a weight that is
/// not a number from 0 to 1 with at most three decimals (RFC 9110), which leaves the coding out.
fn weight(parameters: &str) -> Option<f32> {
    if parameters.trim().is_empty() {
        return Some(1.0);
    }
    let (name, value) = parameters.split_once('=')?;
    if !name.trim().eq_ignore_ascii_case("q") {
        return None;
    }
    let value = value.trim();
    let (whole, decimals) = value.split_once('.').unwrap_or((value, ""));
    let well_formed = matches!(whole, "0" | "1")
        && decimals.len() <= 3
        && decimals.bytes().all(|b| b.is_ascii_digit())
        && (whole == "0" || decimals.bytes().all(|b| b == b'0'));
    well_formed.then(|| value.parse().ok()).flatten()
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
    fn brotli_is_taken_when_named_with_a_weight_above_zero_and_no_lower_than_gzips() {
        assert!(accepts("gzip, deflate, br, zstd"));
        assert!(accepts("BR;q=0.5"));
        assert!(accepts("br;q=1.000, gzip;Q=0.9"));
        assert!(accepts("gzip;q=0.5, br ; q=0.5"));
        assert!(!accepts("gzip;q=1.0, br;q=0.1"));
        assert!(!accepts("gzip, deflate"));
        assert!(!accepts("br;q=0"));
        assert!(!accepts("br;q=0.0, gzip"));
        assert!(!accepts("brotli"));
        assert!(!accepts_brotli(&HeaderMap::new()));
    }

    #[test]
    fn an_answer_of_known_length_gets_the_smallest_window_that_holds_it() {
        assert_eq!(window_for(None), 20);
        assert_eq!(window_for(Some(0)), 16);
        assert_eq!(window_for(Some(65_536)), 16);
        assert_eq!(window_for(Some(65_537)), 17);
        assert_eq!(window_for(Some(136_551)), 18);
        assert_eq!(window_for(Some(1 << 20)), 20);
        assert_eq!(window_for(Some(50 << 20)), 20);
    }

    #[tokio::test]
    async fn a_page_compressed_in_parts_and_joined_reads_as_the_page() {
        let before = "<header><a class=\"account-menu__name\">".repeat(3_000);
        let after = "</a></header><main>figures</main>".repeat(3_000);
        let window = window_for(Some((before.len() + after.len() + 16) as u64));
        let parts = [before.as_bytes(), b"Ana Mar\xc3\xada", after.as_bytes()]
            .map(|part| brotli_part(part, window).unwrap());
        let joined = brotli_joined(&parts.each_ref().map(|part| &part[..]), window).unwrap();
        let whole = brotli_decompressed(&joined).await.unwrap();
        assert_eq!(whole, format!("{before}Ana María{after}"));
        // Compressed, not merely stored: the repeated text takes a small part of its length.
        assert!(joined.len() * 20 < whole.len(), "{}", joined.len());
        // An empty part (a name of nothing) joins as well.
        let empty = brotli_part(b"", window).unwrap();
        let joined = brotli_joined(&[&parts[0][..], &empty, &parts[2][..]], window).unwrap();
        let whole = brotli_decompressed(&joined).await.unwrap();
        assert_eq!(whole, format!("{before}{after}"));
    }

    #[test]
    fn a_weight_that_is_not_a_number_from_0_to_1_leaves_the_coding_out() {
        for weight in [
            "q=1.5", "q=.5", "q=inf", "q=0.5000", "q=2", "q=1.01", "level=1",
        ] {
            assert!(!accepts(&format!("br;{weight}")), "{weight}");
        }
        assert!(accepts("br;q=0.001"));
        assert!(accepts("br; q = 1"));
    }
}
