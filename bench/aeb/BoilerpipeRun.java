/* bench/aeb/BoilerpipeRun.java - boilerpipe 1.2.0's ArticleExtractor (Debian's
 * libboilerpipe-java) over page files, printed as {"ID": {"articleBody": TEXT}}
 * (ID = file name without .html), the shape bench/aeb/pages.py and table.py
 * read: to compare galley with boilerpipe page by page on L3S-GN1.
 * Pages are read as UTF-8 (the L3S-GN1 files all are).
 *   apt-get install libboilerpipe-java
 *   CP=/usr/share/java/boilerpipe.jar:/usr/share/java/nekohtml.jar:/usr/share/java/xercesImpl.jar
 *   javac -cp $CP -d /tmp bench/aeb/BoilerpipeRun.java
 *   java -cp $CP:/tmp BoilerpipeRun DIR/*.html > boilerpipe.json */
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

import de.l3s.boilerpipe.extractors.ArticleExtractor;

public class BoilerpipeRun {
    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\')
                sb.append('\\').append(c);
            else if (c < 0x20)
                sb.append(String.format("\\u%04x", (int) c));
            else
                sb.append(c);
        }
        sb.append('"');
    }

    public static void main(String[] args) throws Exception {
        StringBuilder sb = new StringBuilder("{");
        for (int k = 0; k < args.length; k++) {
            String id = Paths.get(args[k]).getFileName().toString().replaceAll("\\.html$", "");
            String html = new String(Files.readAllBytes(Paths.get(args[k])), StandardCharsets.UTF_8);
            String text;
            try {
                text = ArticleExtractor.INSTANCE.getText(html);
            } catch (Exception e) {
                System.err.println("BoilerpipeRun: " + args[k] + ": " + e);
                text = "";
            }
            sb.append(k > 0 ? ",\n" : "");
            quote(sb, id);
            sb.append(": {\"articleBody\": ");
            quote(sb, text == null ? "" : text);
            sb.append('}');
        }
        System.out.print(sb.append("}\n"));
    }
}
