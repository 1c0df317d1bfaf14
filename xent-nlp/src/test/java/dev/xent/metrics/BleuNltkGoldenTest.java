// Bleu and Tokenizer13a against scripts/golden/bleu_nltk.py: Python's regexes for 13a, NLTK's corpus_bleu for the score.
package dev.xent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BleuNltkGoldenTest {
    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void tokensAndCorpusBleuMatchNltk() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/bleu/nltk_cases.json")) {
            root = new ObjectMapper().readTree(in);
        }
        assertEquals("method3", root.path("smoothing").asText());
        int cases = 0;
        for (JsonNode c : root.path("cases")) {
            String name = c.path("name").asText();
            List<String> hyps = strings(c.path("hypotheses"));
            Bleu bleu = new Bleu();
            for (int i = 0; i < hyps.size(); i++) {
                List<String> refs = strings(c.path("references").get(i));
                assertEquals(strings(c.path("hypothesis_tokens").get(i)), Tokenizer13a.tokens(hyps.get(i)),
                        name + ": hypothesis " + i);
                for (int j = 0; j < refs.size(); j++) {
                    assertEquals(strings(c.path("reference_tokens").get(i).get(j)), Tokenizer13a.tokens(refs.get(j)),
                            name + ": reference " + i + "." + j);
                }
                bleu.add(hyps.get(i), refs);
            }
            double want = c.path("nltk_bleu").asDouble();
            assertEquals(want, bleu.score().score(), 1e-9, name + ": " + bleu.score());
            cases++;
        }
        assertTrue(cases >= 6, "expected >= 6 cases, read " + cases);
    }
}
