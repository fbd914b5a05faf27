//! The site's own files (stylesheet, JavaScript, WebAssembly) and how a page loads them. Release
//! builds give each file its content's hash in its name (cargo-leptos `hash-files`, the hashes
//! written beside the binary), so browsers keep them for a year and never ask again. Pages render
//! on the server; only a page with an island (`#[island]`) loads the wasm, through `IslandLoader`.

use std::sync::{Arc, OnceLock};

use leptos::config::LeptosOptions;
use leptos::prelude::*;
use leptos_meta::{Link, Script};

/// The addresses of the site's files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteFiles {
    pub stylesheet: String,
    pub script: String,
    pub wasm: String,
}

impl SiteFiles {
    /// The files of the running site: read once, as they do not change while it runs.
    pub fn of(options: &LeptosOptions) -> SiteFiles {
        static FILES: OnceLock<SiteFiles> = OnceLock::new();
        FILES
            .get_or_init(|| {
                let hashes = options
                    .hash_files
                    .then(|| {
                        let beside_binary = std::env::current_exe().ok()?.parent()?.to_path_buf();
                        std::fs::read_to_string(beside_binary.join(options.hash_file.as_ref())).ok()
                    })
                    .flatten()
                    .unwrap_or_default();
                SiteFiles::named(options, &hashes)
            })
            .clone()
    }

    /// The files' addresses given the hash file's lines (`js: …`, `wasm: …`, `css: …`; empty
    /// without hashing).
    fn named(options: &LeptosOptions, hashes: &str) -> SiteFiles {
        let hash = |kind: &str| {
            hashes.lines().find_map(|line| {
                let (file, hash) = line.split_once(':')?;
                (file.trim() == kind).then(|| format!(".{}", hash.trim()))
            })
        };
        let directory = format!("/{}/{}", options.site_pkg_dir, options.output_name);
        // Without hashes, wasm-bindgen's own name unless cargo-leptos named the output.
        let wasm = hash("wasm").unwrap_or_else(|| {
            if option_env!("LEPTOS_OUTPUT_NAME").is_none() {
                "_bg".to_owned()
            } else {
                String::new()
            }
        });
        SiteFiles {
            stylesheet: format!("{directory}{}.css", hash("css").unwrap_or_default()),
            script: format!("{directory}{}.js", hash("js").unwrap_or_default()),
            wasm: format!("{directory}{wasm}.wasm"),
        }
    }
}

/// The page's styles: the built stylesheet written into the page (with the page's nonce, by which
/// the Content-Security-Policy allows it, or by its hash once the page memory keeps the page),
/// or, where the site has not been built (the tests of the router), a link to it.
#[derive(Clone, Debug)]
pub enum Styles {
    Inline(Arc<str>),
    Linked(String),
}

impl Styles {
    /// The running site's styles, read once.
    pub fn of(options: &LeptosOptions) -> Styles {
        static STYLES: OnceLock<Styles> = OnceLock::new();
        STYLES
            .get_or_init(|| {
                let address = SiteFiles::of(options).stylesheet;
                let file = std::path::Path::new(options.site_root.as_ref())
                    .join(address.trim_start_matches('/'));
                match std::fs::read_to_string(file) {
                    Ok(css) => Styles::Inline(css.into()),
                    Err(_) => Styles::Linked(address),
                }
            })
            .clone()
    }
}

impl IntoRender for Styles {
    type Output = AnyView;

    fn into_render(self) -> Self::Output {
        match self {
            // The build's own stylesheet, which holds no markup.
            Styles::Inline(css) => {
                view! { <style nonce=page_nonce() inner_html=css.to_string()></style> }.into_any()
            }
            Styles::Linked(address) => view! { <link rel="stylesheet" href=address/> }.into_any(),
        }
    }
}

/// The nonce of the page being rendered, which its inline scripts and styles carry.
fn page_nonce() -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        leptos::nonce::use_nonce().map(|nonce| nonce.to_string())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// What wakes the page's islands, written into the page's head: hints to fetch the script and
/// the wasm early, and a module that loads them once the page is idle, then hydrates each island.
/// Placed beside every island (the loader runs once however many a page has); a page without one
/// loads no wasm.
#[component]
pub fn IslandLoader() -> impl IntoView {
    let files = use_context::<SiteFiles>()?;
    // The file names are the build's (hash characters and dots): quoted, they are plain strings.
    let loader = format!("{LOADER}({:?}, {:?});", files.script, files.wasm);
    Some(view! {
        <Link rel="modulepreload" href=files.script/>
        <Link rel="preload" href=files.wasm as_="fetch" type_="application/wasm" crossorigin="anonymous"/>
        <Script type_="module">{loader}</Script>
    })
}

/// Provides the site's files to the page being rendered (the shell does, before the page).
pub fn provide_site_files(options: &LeptosOptions) {
    provide_context(SiteFiles::of(options));
}

/// Loads the script and the wasm when the browser is idle, wakes every island of the page, and
/// marks `<html data-hydrated>` (for the styles that need the page interactive and for the tests)
/// and the moment in the page's timeline (`enlace-interactive`, which `tests/load/slow-link.sh`
/// reads).
const LOADER: &str = "((script, wasm) => {
  if (window.enlaceIslands) return;
  window.enlaceIslands = true;
  const wake = () => import(script).then(async (module) => {
    await module.default({ module_or_path: wasm });
    module.hydrate();
    for (const island of document.querySelectorAll('leptos-island')) {
      const start = module[island.dataset.component];
      if (start) await start(island);
    }
    document.documentElement.setAttribute('data-hydrated', '');
    performance.mark('enlace-interactive');
  });
  if ('requestIdleCallback' in window) requestIdleCallback(wake); else wake();
})";

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> LeptosOptions {
        LeptosOptions::builder()
            .output_name("enlace")
            .site_pkg_dir("pkg")
            .build()
    }

    #[test]
    fn hashed_files_are_named_with_their_hashes() {
        let files = SiteFiles::named(&options(), "js: Abc_1\nwasm: Def-2\ncss: Ghi3\n");
        assert_eq!(
            files,
            SiteFiles {
                stylesheet: "/pkg/enlace.Ghi3.css".into(),
                script: "/pkg/enlace.Abc_1.js".into(),
                wasm: "/pkg/enlace.Def-2.wasm".into(),
            }
        );
    }

    #[test]
    fn without_hashes_the_files_keep_their_names() {
        let files = SiteFiles::named(&options(), "");
        assert_eq!(files.stylesheet, "/pkg/enlace.css");
        assert_eq!(files.script, "/pkg/enlace.js");
        assert!(files.wasm == "/pkg/enlace.wasm" || files.wasm == "/pkg/enlace_bg.wasm");
    }
}
