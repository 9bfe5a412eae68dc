//! Files in and out: reading with located failures, listing a folder's scenarios, and writing atomically
//! (a temporary file, synced and renamed, so a reader never sees half a file).

use crate::sim::io::diag::{Diagnostic, Diagnostics};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Reads a text file, turning every failure into a diagnostic that names the file.
pub fn read_text(path: &Path) -> Result<String, Diagnostics> {
    let name = path.display().to_string();
    let bytes = read_bytes(path, "a file")?;
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(good);
        let line = 1 + text.matches('\n').count();
        let col = 1 + text.rsplit('\n').next().map_or(0, |l| l.chars().count());
        Diagnostics(vec![Diagnostic {
            file: name.clone(),
            line,
            col,
            path: String::new(),
            message: "is not valid UTF-8 text".into(),
        }])
    })
}

/// Reads a file's bytes, turning every failure into a diagnostic that names the file; `what` is what was
/// expected instead of a directory ("a file", "a save file").
pub fn read_bytes(path: &Path, what: &str) -> Result<Vec<u8>, Diagnostics> {
    let fail = |message: String| {
        Diagnostics(vec![Diagnostic {
            file: path.display().to_string(),
            line: 1,
            col: 1,
            path: String::new(),
            message,
        }])
    };
    if path.is_dir() {
        return Err(fail(format!("is a directory; expected {what}")));
    }
    std::fs::read(path).map_err(|e| {
        fail(match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => format!("cannot read: {e}"),
        })
    })
}

/// The `.ron` files in a folder, sorted by name (none if it cannot be read).
pub fn ron_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Writes a file atomically: the previous file stays intact until the new one is complete.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if path.is_dir() {
        return Err(std::io::Error::other("is a directory"));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("no file name"))?
        .to_string_lossy()
        .to_string();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        // The rename itself is made durable by syncing the folder (where the system allows it).
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
