import Foundation

/// Text helpers for matching what people type in spreadsheets against catalogues.
public enum Texto {
    /// Lower case, no accents, punctuation and underscores as spaces, single spaces, trimmed:
    /// "Número_de  Documento." → "numero de documento".
    public static func normalizar(_ s: String) -> String {
        let folded = s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "es_CO"))
            .lowercased()
        var out = ""
        var lastWasSpace = true
        for ch in folded {
            if ch.isLetter || ch.isNumber {
                out.append(ch)
                lastWasSpace = false
            } else if !lastWasSpace {
                out.append(" ")
                lastWasSpace = true
            }
        }
        if out.hasSuffix(" ") { out.removeLast() }
        return out
    }

    /// A plausible e-mail address: one @, a dot in the domain, no spaces.
    public static func esCorreoValido(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !s.contains(" "), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        return true
    }

    /// A date as HR files write it: dd/mm/aaaa, aaaa-mm-dd, or an Excel serial number.
    public static func fecha(_ s: String) -> Fecha? {
        let t = s.trimmingCharacters(in: .whitespaces)
        if let f = Fecha(texto: t) { return f }
        // Excel serial dates (1900 system) between 1950 and 2100; "45658" or "45658.0".
        let entero = t.hasSuffix(".0") ? String(t.dropLast(2)) : t
        if let n = Int(entero), n >= 18264, n <= 73050 {
            return Fecha(ordinal: n - 25569)
        }
        return nil
    }
}
