package dev.alloclab.core.picture;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Parses the kit's SVG and HTML output as XML so tests can query it instead of matching text. */
final class SvgAssertions {
    private SvgAssertions() {
    }

    /** The document, or an AssertionError saying the output is not well-formed XML. */
    static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    static NodeList select(Document document, String xpath) {
        try {
            return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, document, XPathConstants.NODESET);
        } catch (Exception e) {
            throw new AssertionError("bad xpath " + xpath, e);
        }
    }

    static double number(org.w3c.dom.Node node, String attribute) {
        return Double.parseDouble(node.getAttributes().getNamedItem(attribute).getNodeValue());
    }
}
