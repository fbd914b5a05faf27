//! Attachments, the files attached to a country's update on an action: which kinds are accepted,
//! told by their content rather than by their name or by what the browser claims, and how they are
//! listed.
//! The upload and download routes are in the server crate; files are stored in the database, so that
//! every app server sees them.

use serde::{Deserialize, Serialize};

/// The largest file accepted, in MB and in bytes.
pub const MAX_ATTACHMENT_MB: usize = 10;
pub const MAX_ATTACHMENT_BYTES: usize = MAX_ATTACHMENT_MB * 1024 * 1024;
/// The most files one country's update on an action may have, and their largest size together
/// (in MB): enough for the decrees and reports that back an action, and a bound on what one
/// account can store.
pub const MAX_ATTACHMENTS: usize = 20;
pub const MAX_ATTACHMENTS_MB: usize = 100;
/// Longest file name kept, in characters.
pub const FILE_NAME_MAX_CHARS: usize = 200;

/// A kind of file Enlace accepts as an attachment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttachmentKind {
    Pdf,
    Png,
    Jpeg,
    Gif,
    Webp,
    Docx,
    Xlsx,
    Pptx,
    Odt,
    Ods,
    Odp,
}

impl AttachmentKind {
    /// The kind of a file from its first bytes; `None` for anything else (executables, archives,
    /// scripts, web pages, plain text…).
    pub fn detect(bytes: &[u8]) -> Option<Self> {
        let starts = |prefix: &[u8]| bytes.starts_with(prefix);
        if starts(b"%PDF-") {
            Some(AttachmentKind::Pdf)
        } else if starts(b"\x89PNG\r\n\x1a\n") {
            Some(AttachmentKind::Png)
        } else if starts(b"\xFF\xD8\xFF") {
            Some(AttachmentKind::Jpeg)
        } else if starts(b"GIF87a") || starts(b"GIF89a") {
            Some(AttachmentKind::Gif)
        } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
            Some(AttachmentKind::Webp)
        } else if starts(b"PK\x03\x04") {
            Self::detect_zip_document(bytes)
        } else {
            None
        }
    }

    /// Office Open XML and OpenDocument files are ZIP archives: the OpenDocument `mimetype` entry, or
    /// the Office entry names (stored in clear in the archive), tell which document one is.
    fn detect_zip_document(bytes: &[u8]) -> Option<Self> {
        let head = &bytes[..bytes.len().min(256)];
        let open_document = [
            (
                &b"application/vnd.oasis.opendocument.text"[..],
                AttachmentKind::Odt,
            ),
            (
                b"application/vnd.oasis.opendocument.spreadsheet",
                AttachmentKind::Ods,
            ),
            (
                b"application/vnd.oasis.opendocument.presentation",
                AttachmentKind::Odp,
            ),
        ];
        if let Some((_, kind)) = open_document
            .into_iter()
            .find(|(mimetype, _)| contains(head, mimetype))
        {
            return Some(kind);
        }
        if !contains(bytes, b"[Content_Types].xml") {
            return None;
        }
        [
            (&b"word/"[..], AttachmentKind::Docx),
            (b"xl/", AttachmentKind::Xlsx),
            (b"ppt/", AttachmentKind::Pptx),
        ]
        .into_iter()
        .find(|(folder, _)| contains(bytes, folder))
        .map(|(_, kind)| kind)
    }

    /// The media type the file is served with.
    pub fn content_type(self) -> &'static str {
        match self {
            AttachmentKind::Pdf => "application/pdf",
            AttachmentKind::Png => "image/png",
            AttachmentKind::Jpeg => "image/jpeg",
            AttachmentKind::Gif => "image/gif",
            AttachmentKind::Webp => "image/webp",
            AttachmentKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            AttachmentKind::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            AttachmentKind::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            AttachmentKind::Odt => "application/vnd.oasis.opendocument.text",
            AttachmentKind::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            AttachmentKind::Odp => "application/vnd.oasis.opendocument.presentation",
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// A file name as kept: the last part of what the browser sent, without hidden characters or
/// quotes, at most `FILE_NAME_MAX_CHARS` long (keeping its end, where the extension is); `None` when
/// nothing is left.
pub fn clean_file_name(name: &str) -> Option<String> {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = crate::text::without_hidden_characters(last)
        .chars()
        .filter(|c| !matches!(c, '"' | '\''))
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() || cleaned.chars().all(|c| c == '.') {
        return None;
    }
    let count = cleaned.chars().count();
    Some(
        cleaned
            .chars()
            .skip(count.saturating_sub(FILE_NAME_MAX_CHARS))
            .collect(),
    )
}

/// A file attached to an update, as the page lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttachmentRow {
    pub id: i32,
    pub file_name: String,
    pub size_bytes: i64,
    /// `YYYY-MM-DD`
    pub uploaded_on: String,
    pub uploaded_by: Option<String>,
}

/// The catalogue keys of the problems an upload can have, which the page may be sent back with, each
/// with the limit its message names.
pub const UPLOAD_PROBLEMS: [(&str, usize); 7] = [
    ("problem-file-missing", 0),
    ("problem-file-too-large", MAX_ATTACHMENT_MB),
    ("problem-file-type", 0),
    ("problem-file-name", 0),
    ("problem-file-unreadable", 0),
    ("problem-attachments-too-many", MAX_ATTACHMENTS),
    ("problem-attachments-too-large", MAX_ATTACHMENTS_MB),
];

/// The limit the message of the upload problem `key` names, if `key` is one of them.
pub fn upload_problem_limit(key: &str) -> Option<usize> {
    UPLOAD_PROBLEMS
        .iter()
        .find(|(known, _)| *known == key)
        .map(|(_, limit)| *limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_told_by_their_content() {
        let cases: [(&[u8], AttachmentKind); 7] = [
            (b"%PDF-1.7\n...", AttachmentKind::Pdf),
            (b"\x89PNG\r\n\x1a\n\0\0", AttachmentKind::Png),
            (b"\xFF\xD8\xFF\xE0JFIF", AttachmentKind::Jpeg),
            (b"RIFF\x10\0\0\0WEBPVP8 ", AttachmentKind::Webp),
            (
                b"PK\x03\x04....[Content_Types].xml....PK\x03\x04word/document.xml",
                AttachmentKind::Docx,
            ),
            (
                b"PK\x03\x04....[Content_Types].xml....xl/workbook.xml",
                AttachmentKind::Xlsx,
            ),
            (
                b"PK\x03\x04\x14\0\0\0\0\0mimetypeapplication/vnd.oasis.opendocument.text",
                AttachmentKind::Odt,
            ),
        ];
        for (content, kind) in cases {
            assert_eq!(AttachmentKind::detect(content), Some(kind), "{kind:?}");
        }
    }

    #[test]
    fn anything_else_is_refused_whatever_its_name() {
        for content in [
            &b"MZ\x90\0 an executable"[..],
            b"\x7FELF a program",
            b"<html><script>alert(1)</script>",
            b"#!/bin/sh\nrm -rf /",
            b"PK\x03\x04 a plain zip archive with evil.exe",
            b"",
        ] {
            assert_eq!(AttachmentKind::detect(content), None, "{content:?}");
        }
    }

    #[test]
    fn file_names_keep_their_last_part_without_hidden_characters() {
        assert_eq!(
            clean_file_name("C:\\Users\\ana\\Informe anual.pdf").as_deref(),
            Some("Informe anual.pdf")
        );
        assert_eq!(
            clean_file_name("../../etc/\"pass\u{7}wd\"").as_deref(),
            Some("passwd")
        );
        assert_eq!(clean_file_name(" .. "), None);
        let long = format!("{}.pdf", "a".repeat(300));
        let kept = clean_file_name(&long).unwrap();
        assert_eq!(kept.chars().count(), FILE_NAME_MAX_CHARS);
        assert!(kept.ends_with(".pdf"));
    }
}
