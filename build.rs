//! Embeds every message catalogue in locales/ (one `LANG.ftl` per language), so that adding a
//! language is adding a file.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut langs: Vec<String> = std::fs::read_dir(&dir)
        .expect("locales/ exists")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".ftl").map(str::to_owned)
        })
        .collect();
    langs.sort();
    let mut code = String::from(
        "/// The embedded catalogues: language code and Fluent source.\npub static CATALOGUES: &[(&str, &str)] = &[\n",
    );
    for lang in &langs {
        let path = dir.join(format!("{lang}.ftl"));
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(
            code,
            "    ({lang:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("catalogues.rs");
    std::fs::write(out, code).unwrap();
}
