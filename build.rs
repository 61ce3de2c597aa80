//! Embeds `themes/default` into the binary, so that `briefing build` works in
//! any folder that has a `content/` folder: writes `$OUT_DIR/default_theme.rs`,
//! a table of (path inside the theme, bytes) for every file of the theme.

use std::env;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, base: &Path, out: &mut Vec<(String, PathBuf)>) -> std::io::Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, base, out)?;
        } else if let Ok(rel) = path.strip_prefix(base) {
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.push((rel, path.canonicalize()?));
        }
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").map_err(std::io::Error::other)?);
    let theme = manifest.join("themes").join("default");
    println!("cargo:rerun-if-changed=themes/default");
    let mut files = Vec::new();
    collect(&theme, &theme, &mut files)?;
    for (_, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    let out =
        PathBuf::from(env::var("OUT_DIR").map_err(std::io::Error::other)?).join("default_theme.rs");
    let mut f = fs::File::create(out)?;
    writeln!(
        f,
        "/// Every file of `themes/default`: (path inside the theme, contents)."
    )?;
    writeln!(f, "pub static FILES: &[(&str, &[u8])] = &[")?;
    for (rel, path) in &files {
        writeln!(
            f,
            "    ({rel:?}, include_bytes!({:?})),",
            path.display().to_string()
        )?;
    }
    writeln!(f, "];")?;
    Ok(())
}
