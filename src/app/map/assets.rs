//! The window's assets (flags, the region's map and its masks, the move icons, the CJK font), loaded
//! through Bevy's `AssetServer` from the `assets/` folder that `assets/scripts/build.py` writes. Their
//! loading is watched: a missing or corrupt file becomes a message naming it, shown in the window and
//! printed once, and the game goes on with the table view.

use crate::sim::action::ActionKind;
pub use crate::sim::output::region::{Capital, Mask, Region, Side};
use bevy::asset::io::Reader;
use bevy::asset::{AssetLoader, LoadContext, LoadState, UntypedAssetId};
use bevy::prelude::*;
use std::path::PathBuf;

/// The parties the assets know, by the scenarios' ids (lower case): a flag and, for those in the region,
/// a mask each.
pub const KNOWN: [&str; 6] = ["dprk", "usa", "chn", "rok", "jpn", "rus"];

/// The region file as an asset (its data is the core's [`Region`]).
#[derive(Asset, TypePath, Debug, Clone)]
pub struct RegionAsset(pub Region);

/// Reads `*.region.ron` files.
#[derive(Default, TypePath)]
pub struct RegionLoader;

/// A region file that could not be read: the file, line, column and field, and what was wrong.
#[derive(Debug)]
pub struct RegionError(String);

impl std::fmt::Display for RegionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RegionError {}

impl AssetLoader for RegionLoader {
    type Asset = RegionAsset;
    type Settings = ();
    type Error = RegionError;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        ctx: &mut LoadContext<'_>,
    ) -> Result<RegionAsset, RegionError> {
        let file = format!("assets/{}", ctx.path());
        let mut bytes = Vec::new();
        reader
            .read_to_end(&mut bytes)
            .await
            .map_err(|e| RegionError(format!("{file}: {e}")))?;
        let text = std::str::from_utf8(&bytes)
            .map_err(|e| RegionError(format!("{file}: not UTF-8 text: {e}")))?;
        Region::parse(&file, text)
            .map(RegionAsset)
            .map_err(RegionError)
    }

    fn extensions(&self) -> &[&str] {
        &["region.ron"]
    }
}

/// How the assets' loading stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Loading {
    /// Still loading: done of total.
    Pending(usize, usize),
    /// Everything is there.
    Ready,
    /// Some files could not be loaded: one line each (file and reason).
    Failed(Vec<String>),
}

/// The handles of every asset the window uses, and how their loading stands.
#[derive(Resource)]
pub struct MapAssets {
    /// The region's description.
    pub region: Handle<RegionAsset>,
    /// The map's image (requested once the region is read).
    pub map: Option<Handle<Image>>,
    /// The masks, by party id (requested once the region is read).
    pub masks: Vec<(String, Handle<Image>)>,
    /// The flags, by party id.
    pub flags: Vec<(String, Handle<Image>)>,
    /// The move kinds' icons, in [`ActionKind::ALL`]'s order.
    pub icons: Vec<Handle<Image>>,
    /// The font with Korean, Japanese and Chinese.
    pub font: Handle<Font>,
    /// How the loading stands.
    pub status: Loading,
    /// The failures already printed.
    printed: Vec<String>,
    /// The folder read.
    folder: PathBuf,
}

impl MapAssets {
    /// The flag of a party (by the scenario's id, any case).
    pub fn flag(&self, id: &str) -> Option<&Handle<Image>> {
        self.flags
            .iter()
            .find(|(p, _)| p.eq_ignore_ascii_case(id))
            .map(|(_, h)| h)
    }

    /// The icon of a move kind.
    pub fn icon(&self, kind: ActionKind) -> &Handle<Image> {
        &self.icons[kind as usize]
    }

    /// Every handle requested so far, with its file.
    fn all(&self) -> Vec<(UntypedAssetId, String)> {
        let mut out: Vec<(UntypedAssetId, String)> = vec![
            (self.region.id().untyped(), path_of(&self.region)),
            (self.font.id().untyped(), path_of(&self.font)),
        ];
        out.extend(self.map.iter().map(|h| (h.id().untyped(), path_of(h))));
        for (_, h) in self.masks.iter().chain(&self.flags) {
            out.push((h.id().untyped(), path_of(h)));
        }
        out.extend(self.icons.iter().map(|h| (h.id().untyped(), path_of(h))));
        out
    }
}

fn path_of<A: Asset>(h: &Handle<A>) -> String {
    h.path()
        .map_or_else(|| "(unnamed)".into(), |p| format!("assets/{p}"))
}

/// The folder the assets are read from: `--assets`, else `SIXPARTY_ASSETS`, else `assets/` beside the
/// program, else the source checkout's `assets/` (a `cargo run` or a test).
pub fn folder(given: Option<PathBuf>) -> PathBuf {
    if let Some(p) = given.or_else(|| std::env::var_os("SIXPARTY_ASSETS").map(PathBuf::from)) {
        return std::path::absolute(&p).unwrap_or(p);
    }
    if let Some(dir) = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(|d| d.join("assets")))
        .filter(|d| d.join("map").is_dir())
    {
        return dir;
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets")
}

/// The folder the assets are read from (see [`folder`]).
#[derive(Resource, Clone, Debug)]
pub struct AssetsFolder(pub PathBuf);

/// Asks for every asset at startup.
pub fn request(mut commands: Commands, server: Res<AssetServer>, dir: Res<AssetsFolder>) {
    commands.insert_resource(MapAssets {
        folder: dir.0.clone(),
        region: server.load("map/northeast-asia.region.ron"),
        map: None,
        masks: Vec::new(),
        flags: KNOWN
            .iter()
            .map(|p| (p.to_string(), server.load(format!("flags/{p}.png"))))
            .collect(),
        icons: ActionKind::ALL
            .iter()
            .map(|k| server.load(format!("icons/{}.png", k.key())))
            .collect(),
        font: server.load("fonts/NotoSansCJKkr-subset.otf"),
        status: Loading::Pending(0, 1),
        printed: Vec::new(),
    });
}

/// Follows the loading: asks for the map and masks once the region is read, and notes what failed.
pub fn watch(
    server: Res<AssetServer>,
    regions: Res<Assets<RegionAsset>>,
    assets: Option<ResMut<MapAssets>>,
) {
    let Some(mut assets) = assets else { return };
    if assets.status == Loading::Ready {
        return;
    }
    if assets.map.is_none()
        && let Some(region) = regions.get(&assets.region)
    {
        let region = region.0.clone();
        assets.map = Some(server.load(region.image.clone()));
        assets.masks = region
            .masks
            .iter()
            .map(|m| (m.party.clone(), server.load(m.image.clone())))
            .collect();
    }
    let mut done = 0;
    let mut failed = Vec::new();
    let all = assets.all();
    for (id, path) in &all {
        match server.load_state(*id) {
            LoadState::Loaded => done += 1,
            LoadState::Failed(e) => {
                failed.push(format!("{path}: {}", reason(&e, path, &assets.folder)));
            }
            LoadState::NotLoaded | LoadState::Loading => {}
        }
    }
    assets.status = if !failed.is_empty() {
        for line in &failed {
            if !assets.printed.contains(line) {
                eprintln!("sixparty: an asset could not be loaded: {line}");
                assets.printed.push(line.clone());
            }
        }
        Loading::Failed(failed)
    } else if done == all.len() && assets.map.is_some() {
        Loading::Ready
    } else {
        // The map and the masks are not counted until the region has been read.
        Loading::Pending(done, all.len() + usize::from(assets.map.is_none()))
    };
}

/// A load error in words, without repeating the file's path or naming Bevy's loader.
fn reason(e: &bevy::asset::AssetLoadError, path: &str, dir: &std::path::Path) -> String {
    let text = e.to_string();
    if text.contains("Path not found") || text.contains("No such file") {
        return format!(
            "the file is missing (the assets are read from {}; set --assets or SIXPARTY_ASSETS)",
            dir.display()
        );
    }
    // "Failed to load asset 'x' with asset loader 'y': why" keeps the why.
    let why = match text.find("with asset loader") {
        Some(k) => text[k..].split_once("': ").map_or(&text[k..], |(_, w)| w),
        None => &text,
    };
    let bare = path.trim_start_matches("assets/");
    why.replace(&format!("{bare}: "), "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
