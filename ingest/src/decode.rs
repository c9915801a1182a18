//! Decoding text bytes of unknown encoding (UTF-8/16, GBK/GB18030, Big5).
