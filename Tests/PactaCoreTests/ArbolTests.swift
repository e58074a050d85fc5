import Testing
@testable import PactaCore

@Suite("Árbol de dependencias")
struct ArbolTests {
    typealias N = Arbol.Nodo<String>

    @Test("Each node comes before its children, siblings by code, with its depth")
    func recorridoEnProfundidad() {
        let nodos = [N(id: "310", padre: "300", orden: "310"), N(id: "100", padre: nil, orden: "100"), N(id: "300", padre: "100", orden: "300"),
                     N(id: "200", padre: "100", orden: "200"), N(id: "210", padre: "200", orden: "210"), N(id: "AL01", padre: "100", orden: "AL01")]
        let r = Arbol.recorrido(nodos)
        #expect(r.map(\.id) == ["100", "200", "210", "300", "310", "AL01"])
        #expect(r.map(\.nivel) == [0, 1, 2, 1, 2, 1])
    }

    @Test("Orphans (parent not in the list) are roots, and a cycle does not hang or drop nodes", arguments: [
        ([N(id: "b", padre: "x", orden: "b"), N(id: "a", padre: nil, orden: "a")], ["a", "b"]),
        ([N(id: "a", padre: "b", orden: "a"), N(id: "b", padre: "a", orden: "b"), N(id: "c", padre: nil, orden: "c")], ["c", "a", "b"]),
        ([N(id: "a", padre: "a", orden: "a")], ["a"]),
        ([], []),
    ])
    func casosLimite(nodos: [N], esperado: [String]) {
        #expect(Arbol.recorrido(nodos).map(\.id) == esperado)
    }

    @Test("The route goes from the root to the node and stops at cycles", arguments: [
        ("210", ["210": "200", "200": "100"], ["100", "200", "210"]),
        ("100", ["210": "200"], ["100"]),
        ("a", ["a": "b", "b": "a"], ["b", "a"]),
    ])
    func ruta(id: String, padres: [String: String], esperado: [String]) {
        #expect(Arbol.ruta(hasta: id, padres: padres) == esperado)
    }
}
