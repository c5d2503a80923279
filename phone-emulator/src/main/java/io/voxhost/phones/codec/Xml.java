package io.voxhost.phones.codec;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Phones' XML files read safely: no document type, no external entity, nothing fetched. */
final class Xml {

  private Xml() {}

  /** The document's root element, or empty when the bytes are no well-formed XML of ours. */
  static Optional<Element> root(byte[] file) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      var builder = f.newDocumentBuilder();
      builder.setErrorHandler(null);
      return Optional.of(builder.parse(new ByteArrayInputStream(file)).getDocumentElement());
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** Every element under {@code root}, in document order. */
  static List<Element> elements(Element root) {
    List<Element> out = new ArrayList<>();
    NodeList all = root.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      out.add((Element) all.item(i));
    }
    return out;
  }

  /** The stripped text of the first element named {@code tag} under {@code root}. */
  static Optional<String> text(Element root, String tag) {
    NodeList n = root.getElementsByTagName(tag);
    if (n.getLength() == 0) {
      return Optional.empty();
    }
    Node first = n.item(0);
    return Optional.of(first.getTextContent().strip());
  }
}
