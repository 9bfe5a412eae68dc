//! What runs become for people: the chronicle in words, JSON, batch tables, the SVG/HTML batch report, the class
//! debrief, documents and briefs.

pub mod brief;
pub mod commitments;
pub mod debrief;
pub mod doc;
pub mod json;
pub mod palette;
pub mod region;
pub mod render;
pub mod report;
pub mod seat;
pub mod summary;
pub mod sweep;
