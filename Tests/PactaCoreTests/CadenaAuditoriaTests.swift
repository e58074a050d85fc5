import Foundation
import Testing
@testable import PactaCore

/// FNV-1a, 64 bits, as 16 lower-case hex digits: deterministic and dependency-free
/// (the server passes SHA-256; the chain logic does not care which function it gets).
@Sendable private func fnv1a(_ s: String) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in s.utf8 {
        h ^= UInt64(b)
        h = h &* 0x0000_0100_0000_01b3
    }
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}

/// The test's keys, by id (the server keeps them in a file outside the database).
private let clavesDePrueba = ["k1": "secreto-uno", "k2": "secreto-dos"]

/// The test's keyed hash: FNV-1a of the key, "|" and the text, standing for the server's HMAC;
/// without a key (entries from before the keys) FNV-1a of the text; nil for an unknown key.
@Sendable private func firmaDePrueba(_ claveID: String?, _ texto: String) -> String? {
    guard let claveID else { return fnv1a(texto) }
    return clavesDePrueba[claveID].map { fnv1a($0 + "|" + texto) }
}

/// Recomputes an entry's hash from its content, as the writer (or an attacker) would.
private func sellada(_ e: EntradaAuditoria) -> EntradaAuditoria {
    var e = e
    e.hash = fnv1a(CadenaAuditoria.contenido(e))
    return e
}

/// A valid chain of `n` entries starting at the genesis hash.
private func cadena(_ n: Int = 5) -> [EntradaAuditoria] {
    var anterior = CadenaAuditoria.genesis
    return (1...n).map { i in
        let e = sellada(EntradaAuditoria(
            secuencia: i, momentoMs: 1_767_225_600_000 + Int64(i) * 60_000, entidad: "ent-1",
            usuario: i.isMultiple(of: 2) ? nil : "usr-7", actor: "ana.perez@entidad.gov.co", accion: i == 1 ? "crear" : "modificar",
            tipoRegistro: "servidor", registro: "srv-\(i)",
            antes: i == 1 ? nil : #"{"cargo":"Técnico"}"#, despues: #"{"cargo":"Profesional \#(i)"}"#,
            hashAnterior: anterior, hash: ""))
        anterior = e.hash
        return e
    }
}

private func verificar(_ entradas: [EntradaAuditoria], desde: Int = 1, hashAnterior: String = CadenaAuditoria.genesis,
                       firmadasDesde: Int? = nil, anclas: Set<Int> = []) -> CadenaAuditoria.Verificador {
    var v = CadenaAuditoria.Verificador(desde: desde, hashAnterior: hashAnterior, firmadasDesde: firmadasDesde, anclas: anclas, hash: firmaDePrueba)
    for e in entradas { v.revisar(e) }
    return v
}

private func alterada(_ n: Int) -> HallazgoAuditoria {
    .init(secuencia: n, descripcion: "La entrada \(n) fue alterada: su contenido no coincide con su hash.")
}

private func sinEnlace(_ n: Int) -> HallazgoAuditoria {
    .init(secuencia: n, descripcion: "La entrada \(n) no enlaza con la anterior (hash anterior distinto).")
}

@Suite("Cadena de auditoría")
struct CadenaAuditoriaTests {
    @Test("The test hash is FNV-1a 64")
    func hashDePrueba() {
        #expect(fnv1a("") == "cbf29ce484222325")
        #expect(fnv1a("a") == "af63dc4c8601ec8c")
        #expect(fnv1a("foobar") == "85944171f73967e8")
    }

    @Test("A well-formed chain has no findings")
    func cadenaValida() throws {
        let c = cadena()
        #expect(CadenaAuditoria.genesis == String(repeating: "0", count: 64))
        #expect(c.first?.hashAnterior == CadenaAuditoria.genesis)
        for (a, b) in zip(c, c.dropFirst()) { #expect(b.hashAnterior == a.hash) }
        #expect(Set(c.map(\.hash)).count == c.count)
        let v = verificar(c)
        #expect(v.hallazgos == [])
        #expect(v.revisadas == 5)
    }

    @Test("An empty verification has nothing to report")
    func sinEntradas() {
        let v = verificar([])
        #expect(v.revisadas == 0)
        #expect(v.hallazgos == [])
    }

    enum Campo: String, CaseIterable, Sendable {
        case antes, despues, actor, accion, registro, tipoRegistro, momentoMs, entidad, usuario

        func editar(_ e: inout EntradaAuditoria) {
            switch self {
            case .antes: e.antes = e.antes == nil ? "{}" : nil
            case .despues: e.despues = #"{"cargo":"Director"}"#
            case .actor: e.actor = "otro@entidad.gov.co"
            case .accion: e.accion = "eliminar"
            case .registro: e.registro = "srv-99"
            case .tipoRegistro: e.tipoRegistro = "usuario"
            case .momentoMs: e.momentoMs += 1
            case .entidad: e.entidad = nil
            case .usuario: e.usuario = e.usuario == nil ? "usr-8" : nil
            }
        }
    }

    @Test("Editing any field of an entry is reported at that entry only", arguments: Campo.allCases, [1, 3, 5])
    func campoEditado(campo: Campo, secuencia: Int) {
        var c = cadena()
        campo.editar(&c[secuencia - 1])
        #expect(verificar(c).hallazgos == [alterada(secuencia)])
    }

    @Test("Editing the stored hash or the link is detected")
    func hashOEnlaceEditados() {
        var c = cadena()
        c[2].hash = String(repeating: "f", count: 16)
        #expect(verificar(c).hallazgos == [alterada(3), sinEnlace(4)])

        c = cadena()
        c[2].hashAnterior = c[0].hash
        #expect(verificar(c).hallazgos == [sinEnlace(3), alterada(3)])
    }

    @Test("A deleted middle entry is reported as missing and as a broken link")
    func entradaBorrada() {
        var c = cadena()
        c.remove(at: 2)
        let v = verificar(c)
        #expect(v.hallazgos == [.init(secuencia: 3, descripcion: "Falta la entrada 3."), sinEnlace(4)])
        #expect(v.revisadas == 4)
    }

    @Test("Several deleted entries are reported as one range")
    func variasBorradas() {
        var c = cadena()
        c.removeSubrange(1...2)
        #expect(verificar(c).hallazgos == [.init(secuencia: 2, descripcion: "Faltan las entradas 2 a 3."), sinEnlace(4)])
    }

    @Test("Deleting the first entry is detected against the genesis")
    func primeraBorrada() {
        #expect(verificar(Array(cadena().dropFirst())).hallazgos == [.init(secuencia: 1, descripcion: "Falta la entrada 1."), sinEnlace(2)])
    }

    @Test("Re-hashing an edited entry still breaks the next entry's link", arguments: [1, 2, 3, 4])
    func rehasheada(secuencia: Int) {
        var c = cadena()
        c[secuencia - 1].despues = #"{"cargo":"Director"}"#
        c[secuencia - 1] = sellada(c[secuencia - 1])
        #expect(verificar(c).hallazgos == [sinEnlace(secuencia + 1)])
    }

    @Test("Re-hashing the last entry can only be caught with a known hash for it (the chain alone cannot tell)")
    func ultimaRehasheada() {
        var c = cadena()
        let original = c[4].hash
        c[4].despues = "{}"
        c[4] = sellada(c[4])
        #expect(verificar(c).hallazgos == [])
        #expect(c[4].hash != original)
    }

    @Test("A duplicated entry is reported as repeated")
    func duplicada() {
        var c = cadena()
        c.insert(c[2], at: 3)   // 1 2 3 3 4 5
        let v = verificar(c)
        #expect(v.hallazgos == [.init(secuencia: 3, descripcion: "La entrada 3 está repetida o fuera de orden."), sinEnlace(3)])
        #expect(v.revisadas == 6)
    }

    @Test("Entries out of order are reported")
    func fueraDeOrden() {
        var c = cadena()
        c.swapAt(2, 3)          // 1 2 4 3 5
        let h = verificar(c).hallazgos
        #expect(h.first == .init(secuencia: 3, descripcion: "Falta la entrada 3."))
        #expect(h.contains(.init(secuencia: 3, descripcion: "La entrada 3 está repetida o fuera de orden.")))
        #expect(h.contains(sinEnlace(4)))
        #expect(!h.contains { $0.descripcion.contains("alterada") })
    }

    @Test("Verification can resume from a checkpoint")
    func desdePuntoDeControl() {
        let c = cadena()
        #expect(verificar(Array(c[2...]), desde: 3, hashAnterior: c[1].hash).hallazgos == [])
        #expect(verificar(Array(c[2...]), desde: 3, hashAnterior: c[0].hash).hallazgos == [sinEnlace(3)])
        #expect(verificar(Array(c[2...]), desde: 2, hashAnterior: c[1].hash).hallazgos == [.init(secuencia: 2, descripcion: "Falta la entrada 2.")])
    }

    @Test("The hashed text is every field in order, length-prefixed in UTF-8 bytes, with “-” for absent values")
    func formatoDelContenido() {
        let e = EntradaAuditoria(secuencia: 1, momentoMs: 1_767_225_600_000, entidad: "ent-1", usuario: nil, actor: "Íñigo",
                                 accion: "crear", tipoRegistro: "servidor", registro: "srv-1", antes: nil, despues: "{}",
                                 hashAnterior: CadenaAuditoria.genesis, hash: "ignorado")
        #expect(CadenaAuditoria.contenido(e)
            == "1:1|13:1767225600000|5:ent-1|-|7:Íñigo|5:crear|8:servidor|5:srv-1|-|2:{}|64:\(CadenaAuditoria.genesis)")
        // The stored hash itself is not part of what is hashed.
        var otra = e
        otra.hash = "otro"
        #expect(CadenaAuditoria.contenido(otra) == CadenaAuditoria.contenido(e))
    }

    static let base = EntradaAuditoria(secuencia: 7, momentoMs: 1_000, entidad: "e", usuario: "u", actor: "a", accion: "b",
                                       tipoRegistro: "t", registro: "r", antes: "x", despues: "y", hashAnterior: "h", hash: "")

    /// Pairs of entries that a plain `|`-joined text (without lengths) would make identical.
    static let parecidas: [(String, EntradaAuditoria, EntradaAuditoria)] = {
        var pares: [(String, EntradaAuditoria, EntradaAuditoria)] = []
        var a = base, b = base
        a.actor = "a|b"; a.accion = "c"
        b.actor = "a"; b.accion = "b|c"
        pares.append(("separator moved between actor and acción", a, b))
        a = base; b = base
        a.antes = "x|y"; a.despues = "z"
        b.antes = "x"; b.despues = "y|z"
        pares.append(("separator moved between antes and después", a, b))
        a = base; b = base
        a.entidad = nil
        b.entidad = "-"
        pares.append(("absent entidad vs the text “-”", a, b))
        a = base; b = base
        a.antes = nil
        b.antes = ""
        pares.append(("absent antes vs empty antes", a, b))
        a = base; b = base
        a.actor = "1:a"
        b.actor = "a"
        pares.append(("value that looks like a length prefix", a, b))
        return pares
    }()

    @Test("Entries that differ only by where a separator falls hash differently", arguments: parecidas)
    func prefijoDeLongitud(_ caso: String, a: EntradaAuditoria, b: EntradaAuditoria) {
        #expect(a != b, "\(caso)")
        #expect(CadenaAuditoria.contenido(a) != CadenaAuditoria.contenido(b), "\(caso)")
        #expect(fnv1a(CadenaAuditoria.contenido(a)) != fnv1a(CadenaAuditoria.contenido(b)), "\(caso)")
        // A naive join would have collided, which is what the length prefix prevents.
        func ingenuo(_ e: EntradaAuditoria) -> String {
            [e.entidad, e.usuario, e.actor, e.accion, e.tipoRegistro, e.registro, e.antes, e.despues].map { $0 ?? "-" }.joined(separator: "|")
        }
        if !caso.contains("length prefix") && !caso.contains("empty antes") {
            #expect(ingenuo(a) == ingenuo(b), "\(caso)")
        }
    }

    @Test("A forged entry swapping content between fields does not pass verification")
    func falsificacionPorSeparador() {
        var c = cadena(3)
        // Move text across the actor/acción boundary, keeping the stored hash.
        c[1].actor = "ana.perez@entidad.gov.co|modificar"
        c[1].accion = ""
        #expect(verificar(c).hallazgos == [alterada(2)])
    }
}

// MARK: - The keyed chain

/// Signs an entry with key `clave` (nil: as before the keys), as the writer, or an attacker who has it, would.
private func firmada(_ e: EntradaAuditoria, _ clave: String?) -> EntradaAuditoria {
    var e = e
    e.clave = clave
    e.hash = firmaDePrueba(clave, CadenaAuditoria.contenido(e))!
    return e
}

/// A chain of `n` entries: those before `firmadasDesde` unkeyed, the rest signed with `clave`.
private func cadenaFirmada(_ n: Int = 5, firmadasDesde: Int = 1, clave: String = "k1") -> [EntradaAuditoria] {
    var anterior = CadenaAuditoria.genesis
    return cadena(n).map { e in
        var e = e
        e.hashAnterior = anterior
        e = firmada(e, e.secuencia >= firmadasDesde ? clave : nil)
        anterior = e.hash
        return e
    }
}

/// Edits entry `desde` and re-chains it and every later one, each sealed by `sellar`.
private func reescrita(_ c: [EntradaAuditoria], desde: Int, sellar: (EntradaAuditoria) -> EntradaAuditoria) -> [EntradaAuditoria] {
    var c = c
    var anterior = desde == 1 ? CadenaAuditoria.genesis : c[desde - 2].hash
    for i in (desde - 1)..<c.count {
        if i == desde - 1 { c[i].despues = #"{"cargo":"Director"}"# }
        c[i].hashAnterior = anterior
        c[i] = sellar(c[i])
        anterior = c[i].hash
    }
    return c
}

private func sinClave(_ n: Int, desde: Int = 1) -> HallazgoAuditoria {
    .init(secuencia: n, descripcion: "La entrada \(n) no está firmada con una clave, y desde la entrada \(desde) todas deben estarlo.")
}

private func claveDesconocida(_ n: Int, _ clave: String) -> HallazgoAuditoria {
    .init(secuencia: n, descripcion: "La entrada \(n) está firmada con una clave desconocida («\(clave)»).")
}

/// The four ways to rewrite a chain that a plain hash chain cannot tell, and what the keyed one says.
enum Ataque: String, CaseIterable, Sendable {
    case reescritaSinClave, reescritaComoAnterior, reescritaConOtraClave, reescritaConOtroID
    case agregadaSinClave, agregadaConElIDActual, agregadaConIDInventado

    func aplicar(_ c: [EntradaAuditoria]) -> [EntradaAuditoria] {
        switch self {
        case .reescritaSinClave:
            // Plain hash over the content that names the key: what someone without the key can compute.
            return reescrita(c, desde: 2) { e in var e = e; e.hash = fnv1a(CadenaAuditoria.contenido(e)); return e }
        case .reescritaComoAnterior:
            return reescrita(c, desde: 2) { firmada($0, nil) }
        case .reescritaConOtraClave:
            return reescrita(c, desde: 2) { e in var e = e; e.hash = fnv1a("otro-secreto|" + CadenaAuditoria.contenido(e)); return e }
        case .reescritaConOtroID:
            // k2 is a real key, but the entry names k1.
            return reescrita(c, desde: 2) { e in var e = e; e.hash = firmaDePrueba("k2", CadenaAuditoria.contenido(e))!; return e }
        case .agregadaSinClave, .agregadaConElIDActual, .agregadaConIDInventado:
            var e = c[c.count - 1]
            e.secuencia += 1
            e.hashAnterior = e.hash
            e.accion = "eliminar"
            switch self {
            case .agregadaSinClave: e = firmada(e, nil)
            case .agregadaConElIDActual: e.clave = "k1"; e.hash = fnv1a(CadenaAuditoria.contenido(e))
            default: e.clave = "k9"; e.hash = fnv1a(CadenaAuditoria.contenido(e))
            }
            return c + [e]
        }
    }

    var hallazgos: [HallazgoAuditoria] {
        switch self {
        case .reescritaSinClave, .reescritaConOtraClave, .reescritaConOtroID: return (2...5).map(alterada)
        case .reescritaComoAnterior: return (2...5).map { sinClave($0) }
        case .agregadaSinClave: return [sinClave(6)]
        case .agregadaConElIDActual: return [alterada(6)]
        case .agregadaConIDInventado: return [claveDesconocida(6, "k9")]
        }
    }
}

@Suite("Cadena de auditoría firmada")
struct CadenaFirmadaTests {
    @Test("A keyed chain verifies, with the boundary at its first entry")
    func cadenaFirmadaValida() {
        let c = cadenaFirmada()
        #expect(c.allSatisfy { $0.clave == "k1" })
        #expect(c.map(\.hash) != cadena().map(\.hash))
        #expect(verificar(c, firmadasDesde: 1).hallazgos == [])
    }

    @Test("The key id is the last field of the content, only when there is one")
    func contenidoConClave() {
        var e = cadena(1)[0]
        let sinClave = CadenaAuditoria.contenido(e)
        e.clave = "k1"
        #expect(CadenaAuditoria.contenido(e) == sinClave + "|2:k1")
    }

    @Test("Each rewrite is detected once the chain is keyed", arguments: Ataque.allCases)
    func ataque(_ a: Ataque) {
        let c = a.aplicar(cadenaFirmada())
        // Unkeyed, the same chain rewritten the plain way passes: the attack is real.
        #expect(verificar(c, firmadasDesde: 1).hallazgos == a.hallazgos)
    }

    @Test("Without keys a rewrite to the end passes: what the keys are for")
    func sinClavesPasa() {
        let c = reescrita(cadena(), desde: 2, sellar: sellada)
        #expect(verificar(c).hallazgos == [])
        #expect(verificar(c, firmadasDesde: 1).hallazgos == (1...5).map { sinClave($0) })
    }

    @Test("Moving an entry to another known key is an edit")
    func otraClave() {
        var c = cadenaFirmada()
        c[2].clave = "k2"
        #expect(verificar(c, firmadasDesde: 1).hallazgos == [alterada(3)])
    }

    @Test("Entries from before the keys verify below the boundary and are findings from it on",
          arguments: [(4, [HallazgoAuditoria]()), (3, [sinClave(3, desde: 3)]), (1, [sinClave(1), sinClave(2), sinClave(3)])])
    func frontera(desde: Int, esperados: [HallazgoAuditoria]) {
        let c = cadenaFirmada(firmadasDesde: 4)
        #expect(c.map(\.clave) == [nil, nil, nil, "k1", "k1"])
        #expect(verificar(c, firmadasDesde: desde).hallazgos == esperados)
    }

    @Test("Entries signed before and after a rotation verify, each with its key")
    func rotacion() {
        var anterior = CadenaAuditoria.genesis
        let c = cadena().map { e in
            var e = e
            e.hashAnterior = anterior
            e = firmada(e, e.secuencia <= 2 ? "k1" : "k2")
            anterior = e.hash
            return e
        }
        #expect(verificar(c, firmadasDesde: 1).hallazgos == [])
    }

    @Test("The verifier keeps the head and the hashes of the anchored entries")
    func cabezaYAnclas() {
        let c = cadenaFirmada()
        let v = verificar(c, firmadasDesde: 1, anclas: [2, 5, 9])
        #expect(v.cabeza == 5)
        #expect(v.hashesAnclados == [2: c[1].hash, 5: c[4].hash])
        #expect(verificar([]).cabeza == 0)
    }
}

// MARK: - The key ring

@Suite("Llavero de auditoría")
struct LlaveroAuditoriaTests {
    static let k1 = LlaveroAuditoria.Clave(id: "20260501-3f9a", bytes: Array(repeating: 7, count: 32))
    static let k2 = LlaveroAuditoria.Clave(id: "20260901-0001", bytes: Array(0..<48))

    @Test("The text form reads back, the last key being the current one")
    func idaYVuelta() throws {
        let l = try LlaveroAuditoria(firmadasDesde: 42, claves: [Self.k1, Self.k2])
        let leido = try LlaveroAuditoria.leer(l.texto)
        #expect(leido == l)
        #expect(leido.firmadasDesde == 42)
        #expect(leido.actual == Self.k2)
        #expect(leido.clave("20260501-3f9a") == Self.k1)
        #expect(leido.clave("otra") == nil)
        #expect(l.texto.hasSuffix("desde 42\n20260501-3f9a \(String(repeating: "BwcH", count: 10))Bwc=\n20260901-0001 \(Data(0..<48).base64EncodedString())\n"))
    }

    @Test("Comments, blank lines and extra spaces are ignored")
    func comentarios() throws {
        let l = try LlaveroAuditoria.leer("# claves\n\n  desde 3  \n# una\n20260501-3f9a   \(Data(Self.k1.bytes).base64EncodedString())\n")
        #expect(l.firmadasDesde == 3 && l.claves == [Self.k1])
    }

    @Test("Adding a key makes it current and keeps the others")
    func agregar() throws {
        var l = try LlaveroAuditoria(firmadasDesde: 1, claves: [Self.k1])
        try l.agregar(Self.k2)
        #expect(l.actual == Self.k2 && l.claves == [Self.k1, Self.k2])
        #expect(throws: LlaveroAuditoria.Error(mensaje: "La clave «20260501-3f9a» está repetida.")) { try l.agregar(Self.k1) }
    }

    static let base64 = Data(repeating: 1, count: 32).base64EncodedString()

    @Test("A key ring that cannot be trusted is refused with its reason", arguments: [
        ("20260501-3f9a \(base64)\n", "El archivo de claves de auditoría no indica desde qué entrada se firma (falta la línea «desde N»)."),
        ("desde 1\ndesde 2\nk \(base64)\n", "El archivo de claves de auditoría tiene más de una línea «desde»."),
        ("desde 0\nk \(base64)\n", "La línea 1 del archivo de claves de auditoría debe indicar una entrada: «desde N», con N de 1 en adelante."),
        ("desde uno\nk \(base64)\n", "La línea 1 del archivo de claves de auditoría debe indicar una entrada: «desde N», con N de 1 en adelante."),
        ("desde 1\n", "El archivo de claves de auditoría no tiene ninguna clave."),
        ("desde 1\nk %%%\n", "La clave «k» (línea 2) no está en base64."),
        ("desde 1\nk \(Data(repeating: 1, count: 31).base64EncodedString())\n", "La clave «k» tiene 31 bytes; se necesitan al menos 32."),
        ("desde 1\nk \(base64)\nk \(base64)\n", "La clave «k» está repetida."),
        ("desde 1\nk\n", "La línea 2 del archivo de claves de auditoría no se entiende: se espera «desde N» o «id clave-en-base64»."),
        ("desde 1\nk \(base64) otra\n", "La línea 2 del archivo de claves de auditoría no se entiende: se espera «desde N» o «id clave-en-base64»."),
        ("desde 1\nclave/1 \(base64)\n", "El identificador de clave «clave/1» no es válido: use de 1 a 40 letras, cifras, «-», «_» o «.»."),
    ])
    func invalido(_ texto: String, _ mensaje: String) {
        #expect(throws: LlaveroAuditoria.Error(mensaje: mensaje)) { try LlaveroAuditoria.leer(texto) }
    }

    @Test("New key ids carry the day and four hex digits", arguments: [
        (Fecha(2026, 5, 1), UInt16(0x3f9a), "20260501-3f9a"), (Fecha(2026, 12, 31), UInt16(1), "20261231-0001"), (Fecha(2027, 1, 2), UInt16.max, "20270102-ffff"),
    ])
    func idNuevo(_ f: Fecha, _ sufijo: UInt16, _ esperado: String) throws {
        #expect(LlaveroAuditoria.idNuevo(f, sufijo: sufijo) == esperado)
        #expect(throws: Never.self) { try LlaveroAuditoria(firmadasDesde: 1, claves: [.init(id: esperado, bytes: Self.k1.bytes)]) }
    }
}

// MARK: - The anchors

/// 2026-05-02 03:00 UTC: still 1 May in Colombia (UTC−5).
private let momentoDePrueba = Date(timeIntervalSince1970: 1_777_690_800)

private func ancla(_ secuencia: Int, _ hash: String, clave: String = "k1", momento: Date = momentoDePrueba) -> AnclaAuditoria {
    AnclaAuditoria(momento: momento, secuencia: secuencia, hash: hash, clave: clave, firmar: { firmaDePrueba(clave, $0)! })
}

private func archivo(_ anclas: [AnclaAuditoria], mas extra: [String] = []) -> ArchivoDeAnclas {
    ArchivoDeAnclas(texto: (anclas.map(\.linea) + extra).map { $0 + "\n" }.joined())
}

@Suite("Anclas de auditoría")
struct AnclasAuditoriaTests {
    @Test("An anchor is one signed line that reads back")
    func linea() throws {
        let a = ancla(3, "abc123", momento: momentoDePrueba.addingTimeInterval(0.75))
        #expect(a.textoFirmado == "ancla 2026-05-02T03:00:00Z secuencia=3 hash=abc123 clave=k1")
        #expect(a.linea == a.textoFirmado + " firma=" + firmaDePrueba("k1", a.textoFirmado)!)
        #expect(AnclaAuditoria(linea: a.linea) == a)
        #expect(AnclaAuditoria(linea: "  " + a.linea + " ") == a)
        #expect(a.dia == "01/05/2026")
    }

    @Test("Lines not written as anchors are not read as anchors", arguments: [
        "ancla 2026-05-02T03:00:00Z secuencia=3 hash=abc clave=k1",
        "ancla 2026-05-02T03:00:00Z secuencia=3 hash=abc clave=k1 firma=f extra=1",
        "ancla 2026-05-02T03:00:00Z  secuencia=3 hash=abc clave=k1 firma=f",
        "ancla 02/05/2026 secuencia=3 hash=abc clave=k1 firma=f",
        "ancla 2026-05-02T03:00:00Z secuencia=-1 hash=abc clave=k1 firma=f",
        "ancla 2026-05-02T03:00:00Z secuencia=tres hash=abc clave=k1 firma=f",
        "ancla 2026-05-02T03:00:00Z hash=abc secuencia=3 clave=k1 firma=f",
        "ancla 2026-05-02T03:00:00Z secuencia=3 hash= clave=k1 firma=f",
        "ANCLA 2026-05-02T03:00:00Z secuencia=3 hash=abc clave=k1 firma=f",
        "ancla 2026-05-01T22:00:00-05:00 secuencia=3 hash=abc clave=k1 firma=f",
    ])
    func ilegible(_ linea: String) {
        #expect(AnclaAuditoria(linea: linea) == nil)
        #expect(ArchivoDeAnclas(texto: "# anclas\n\n" + linea + "\n").ilegibles == [3])
    }

    static let cadena5 = cadenaFirmada()
    static func h(_ n: Int) -> String { cadena5[n - 1].hash }
    static func hashes(_ c: [EntradaAuditoria] = cadena5) -> [Int: String] { Dictionary(uniqueKeysWithValues: c.map { ($0.secuencia, $0.hash) }) }

    struct Caso: Sendable, CustomTestStringConvertible {
        let nombre: String
        let archivo: ArchivoDeAnclas
        let cabeza: Int
        let hashes: [Int: String]
        let esperados: [String]
        var testDescription: String { nombre }
    }

    static let casos: [Caso] = {
        let a3 = ancla(3, h(3)), a5 = ancla(5, h(5))
        let alterado = a5.linea.replacingOccurrences(of: "secuencia=5", with: "secuencia=4")
        let truncado5 = "El registro fue truncado: la entrada 5, anclada el 01/05/2026, ya no existe; la última entrada es la 4."
        var h4 = hashes(); h4[4] = "otro"
        var sin2 = hashes(); sin2[2] = nil
        return [
            Caso(nombre: "intact", archivo: archivo([a3, a5]), cabeza: 5, hashes: hashes(), esperados: []),
            Caso(nombre: "the log grew after the anchor", archivo: archivo([a3]), cabeza: 5, hashes: hashes(), esperados: []),
            Caso(nombre: "no anchors", archivo: archivo([]), cabeza: 5, hashes: hashes(), esperados: []),
            Caso(nombre: "an anchor of the empty log", archivo: archivo([ancla(0, CadenaAuditoria.genesis)]), cabeza: 0, hashes: [:], esperados: []),
            Caso(nombre: "last entry deleted", archivo: archivo([a3, a5]), cabeza: 4, hashes: hashes(Array(cadena5.prefix(4))), esperados: [truncado5]),
            Caso(nombre: "last five deleted, anchored twice", archivo: archivo([a5, ancla(5, h(5), momento: momentoDePrueba.addingTimeInterval(86_400))]),
                 cabeza: 0, hashes: [:],
                 esperados: ["El registro fue truncado: la entrada 5, anclada el 01/05/2026, ya no existe; no queda ninguna entrada."]),
            Caso(nombre: "several anchors past the head: one finding, for the latest entry", archivo: archivo([a3, ancla(4, h(4)), a5]), cabeza: 2,
                 hashes: hashes(Array(cadena5.prefix(2))),
                 esperados: ["El registro fue truncado: la entrada 5, anclada el 01/05/2026, ya no existe; la última entrada es la 2."]),
            Caso(nombre: "an anchored entry rewritten, anchored every hour", archivo: archivo([ancla(4, h(4)), ancla(4, h(4), momento: momentoDePrueba.addingTimeInterval(3600))]),
                 cabeza: 5, hashes: h4, esperados: ["La entrada 4 no coincide con su ancla del 01/05/2026: fue reescrita."]),
            Caso(nombre: "an anchored entry deleted in the middle", archivo: archivo([ancla(2, h(2))]), cabeza: 5, hashes: sin2,
                 esperados: ["La entrada 2, anclada el 01/05/2026, ya no existe."]),
            Caso(nombre: "an anchor line edited", archivo: archivo([a3], mas: [alterado]), cabeza: 4, hashes: hashes(Array(cadena5.prefix(4))),
                 esperados: ["El ancla de la línea 2 (entrada 4, 01/05/2026) no tiene una firma válida: el archivo de anclas fue modificado."]),
            Caso(nombre: "an anchor signed with another key", archivo: archivo([ancla(5, h(5), clave: "k2")]), cabeza: 5, hashes: hashes(), esperados: []),
            Caso(nombre: "an anchor signed with an unknown key", archivo: archivo([a3], mas: [ancla(5, h(5), clave: "k1").linea.replacingOccurrences(of: "clave=k1", with: "clave=k7")]),
                 cabeza: 4, hashes: hashes(Array(cadena5.prefix(4))),
                 esperados: ["El ancla de la línea 2 está firmada con una clave desconocida («k7»)."]),
            Caso(nombre: "a line that is not an anchor", archivo: archivo([a5], mas: ["hola"]), cabeza: 5, hashes: hashes(),
                 esperados: ["La línea 2 del archivo de anclas no es un ancla: el archivo fue modificado."]),
        ]
    }()

    @Test("What the anchors tell about the log", arguments: casos)
    func hallazgos(_ c: Caso) {
        let h = c.archivo.hallazgos(cabeza: c.cabeza, hashes: c.hashes, firma: firmaDePrueba)
        #expect(h.map(\.descripcion) == c.esperados)
    }

    @Test("The anchored sequences are those the verifier must keep")
    func secuencias() {
        #expect(archivo([ancla(3, "a"), ancla(5, "b"), ancla(3, "a")]).secuencias == [3, 5])
    }

    @Test("An anchor's day is Colombia's", arguments: [
        (Date(timeIntervalSince1970: 1_777_690_800), "01/05/2026"), (Date(timeIntervalSince1970: 1_777_690_800 + 2 * 3600), "02/05/2026"),
    ])
    func dia(_ d: Date, _ esperado: String) {
        #expect(ancla(1, "a", momento: d).dia == esperado)
    }
}
