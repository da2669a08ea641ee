"""Text handling: normalisation, line and sentence segmentation, language resources."""
