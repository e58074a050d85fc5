import PactaCore

enum Busqueda {
    /// True when every word of the search appears in one of the texts, ignoring case and accents.
    static func coincide(_ buscar: String?, _ textos: String...) -> Bool {
        guard let b = Campos.limpio(buscar) else { return true }
        let heno = Texto.normalizar(textos.joined(separator: " "))
        return Texto.normalizar(b).split(separator: " ").allSatisfy { heno.contains($0) }
    }
}

extension String {
    /// "firmar los compromisos" → "Firmar los compromisos", as a history line reads.
    var capitalizandoPrimera: String { prefix(1).uppercased() + dropFirst() }
}
