//! Which document of an agreement a block is in. A module of its own so
//! that the agreement (which keeps its words), the words and the references
//! can all name documents without depending on each other in a circle.

/// Which document of an agreement: the body, or a schedule by its index in
/// [`crate::model::Agreement::schedules`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocId {
    Body,
    Schedule(usize),
}
