//! Defined terms: `“Term” means …` in the definitions clause and inline `("the Trust")`.
