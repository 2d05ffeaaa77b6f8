"""Reading discussions and extracting what they say: segmentation, actors, claims."""
