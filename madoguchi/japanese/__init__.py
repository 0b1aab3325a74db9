"""Read and fold Japanese text: 和暦 dates, kana, 異体字, postal addresses."""
