//! What the player sees of the crisis: the window's assets (loaded through Bevy's `AssetServer`), the map
//! view drawn by Bevy, and the headlines over it. The model is not touched: everything here reads the
//! simulation's state and chronicle.

pub mod assets;
pub mod headline;
pub mod layout;
pub mod scene;

use bevy::asset::AssetApp;
use bevy::prelude::*;

/// The assets, the map view and the headlines, for the game window.
pub fn plugin(app: &mut App) {
    app.init_asset::<assets::RegionAsset>()
        .register_asset_loader(assets::RegionLoader)
        .add_systems(Startup, assets::request)
        .add_systems(Update, assets::watch)
        .add_plugins(scene::plugin);
}
