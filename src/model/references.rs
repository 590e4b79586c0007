//! Cross-references in the text: "Clause 21.2", "paragraph 2.2 of Schedule 6", ….
