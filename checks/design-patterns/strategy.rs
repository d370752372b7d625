//! Checks for `exercises/design-patterns/src/strategy.rs`.

mod support;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::Duration;

use design_patterns::strategy::{
    Algorithm, Balancer, IpHash, LeastConnections, LeastResponseTime, Load, LoadBalancer,
    RoundRobin, Server, SmoothWeighted, UnknownAlgorithm, WeightedLeastConnections,
};
use proptest::prelude::*;
use support::proptest_config;

const CLIENT: IpAddr = IpAddr::V4(Ipv4Addr::new(192, 168, 1, 10));

/// `count` picks among `servers` idle servers.
fn picks(balancer: &mut dyn Balancer, servers: usize, count: usize) -> Vec<Option<usize>> {
    let idle = vec![Load::default(); servers];
    (0..count).map(|_| balancer.pick(CLIENT, &idle)).collect()
}

/// Servers with these requests in flight, none measured yet.
fn in_flight(counts: &[u32]) -> Vec<Load> {
    counts
        .iter()
        .map(|&in_flight| Load {
            in_flight,
            mean_response: None,
        })
        .collect()
}

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

/// The names routed to, `count` times.
fn route(balancer: &mut LoadBalancer, count: usize) -> String {
    (0..count)
        .map(|_| balancer.route(CLIENT).unwrap_or("-").to_owned())
        .collect()
}

/// Requests in flight per server.
fn flying(balancer: &LoadBalancer) -> Vec<u32> {
    balancer.load().iter().map(|load| load.in_flight).collect()
}

fn servers(weights: &[u32]) -> Vec<Server> {
    weights
        .iter()
        .enumerate()
        .map(|(n, &weight)| Server {
            name: ["a", "b", "c", "d", "e"][n].to_owned(),
            weight,
        })
        .collect()
}

#[test]
fn round_robin_takes_each_server_in_turn() {
    assert_eq!(
        picks(&mut RoundRobin::new(3), 3, 7),
        [
            Some(0),
            Some(1),
            Some(2),
            Some(0),
            Some(1),
            Some(2),
            Some(0)
        ],
        "servers 0, 1, 2, then 0 again"
    );
    assert_eq!(
        picks(&mut RoundRobin::new(0), 0, 2),
        [None, None],
        "no servers, nothing to pick"
    );
}

#[test]
fn smooth_weighted_round_robin_spreads_nginxs_example_as_nginx_does() {
    // nginx's own example: weights 5, 1, 1 give a a b a c a a, not a a a a a b c.
    let sequence: Vec<Option<usize>> = picks(&mut SmoothWeighted::new(&[5, 1, 1]), 3, 14);
    let expected = [0, 0, 1, 0, 2, 0, 0, 0, 0, 1, 0, 2, 0, 0].map(Some);
    assert_eq!(sequence, expected, "two rounds of weights 5, 1, 1");
}

#[test]
fn smooth_weighted_round_robin_never_picks_a_server_of_weight_zero() {
    let sequence = picks(&mut SmoothWeighted::new(&[0, 2, 0, 1]), 4, 6);
    assert_eq!(
        sequence,
        [1, 3, 1, 1, 3, 1].map(Some),
        "two rounds of weights 0, 2, 0, 1: servers 0 and 2 never"
    );
    assert_eq!(
        picks(&mut SmoothWeighted::new(&[0, 0]), 2, 2),
        [None, None],
        "all weights zero: nothing to pick"
    );
}

#[test]
fn least_connections_picks_the_server_with_fewest_requests_in_flight() {
    for (counts, expected, why) in [
        (&[0, 0, 0][..], Some(0), "all idle: the first of equals"),
        (&[1, 0, 1], Some(1), "server 1 has nothing in flight"),
        (
            &[2, 1, 1],
            Some(1),
            "servers 1 and 2 have one each: the first of equals",
        ),
        (&[], None, "no servers, nothing to pick"),
    ] {
        assert_eq!(
            LeastConnections.pick(CLIENT, &in_flight(counts)),
            expected,
            "with {counts:?} in flight: {why}"
        );
    }
}

#[test]
fn weighted_least_connections_weighs_what_is_in_flight_by_each_servers_weight() {
    let weights = [3, 1, 0];
    for (counts, expected, why) in [
        (
            [0, 0, 0],
            Some(0),
            "all idle: the first of equals (server 2, of weight 0, never)",
        ),
        (
            [2, 1, 0],
            Some(0),
            "2 in flight for weight 3 is less busy than 1 for weight 1; server 2 has weight 0",
        ),
        (
            [3, 1, 0],
            Some(0),
            "3 for weight 3 and 1 for weight 1 are as busy: the first",
        ),
        (
            [4, 1, 0],
            Some(1),
            "4 for weight 3 is busier than 1 for weight 1",
        ),
    ] {
        assert_eq!(
            WeightedLeastConnections::new(&weights).pick(CLIENT, &in_flight(&counts)),
            expected,
            "weights {weights:?}, {counts:?} in flight: {why}"
        );
    }
    assert_eq!(
        WeightedLeastConnections::new(&[0, 0]).pick(CLIENT, &in_flight(&[0, 0])),
        None,
        "all weights zero: nothing to pick"
    );
}

#[test]
fn least_response_time_weighs_each_servers_speed_by_what_it_has_in_flight() {
    let load = |in_flight, mean: Option<u64>| Load {
        in_flight,
        mean_response: mean.map(ms),
    };
    for (loads, expected, why) in [
        (
            vec![load(5, Some(10)), load(1, Some(25)), load(0, Some(100))],
            Some(1),
            "a new request would wait 6 x 10 ms on server 0, 2 x 25 ms on server 1 and \
             1 x 100 ms on server 2: not the fastest server, nor the idlest",
        ),
        (
            vec![load(2, Some(10)), load(0, Some(40))],
            Some(0),
            "3 x 10 ms beats 1 x 40 ms: a fast server with a queue can still be first",
        ),
        (
            vec![load(0, None), load(0, Some(10))],
            Some(0),
            "a server not measured yet counts as fast as the fastest: a tie, the first",
        ),
        (
            vec![load(1, None), load(0, Some(10))],
            Some(1),
            "the unmeasured server already has one in flight: 2 x 10 ms against 1 x 10 ms",
        ),
        (
            vec![load(1, None), load(0, None)],
            Some(1),
            "nothing measured: a tie on time, so the fewest in flight",
        ),
        (vec![], None, "no servers, nothing to pick"),
    ] {
        assert_eq!(
            LeastResponseTime.pick(CLIENT, &loads),
            expected,
            "{loads:?}: {why}"
        );
    }
}

#[test]
fn ip_hash_sends_each_client_to_the_same_server_every_time() {
    let clients: Vec<IpAddr> = (0..600u32)
        .map(|n| IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + n * 7919)))
        .chain([
            IpAddr::V6(Ipv6Addr::LOCALHOST),
            IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)),
        ])
        .collect();
    let idle = in_flight(&[0, 0, 0]);
    let mut first = IpHash::new(3);
    let mut second = IpHash::new(3);
    let mut per_server = [0; 3];
    for &client in &clients {
        let server = first.pick(client, &idle).expect("three servers");
        assert_eq!(
            first.pick(client, &idle),
            Some(server),
            "{client} moved between two requests"
        );
        assert_eq!(
            second.pick(client, &idle),
            Some(server),
            "another balancer sent {client} elsewhere: the hash must not depend on the instance"
        );
        per_server[server] += 1;
    }
    for (server, &count) in per_server.iter().enumerate() {
        assert!(
            (150..=250).contains(&count),
            "server {server} got {count} of {} clients; a hash should spread them about evenly: {per_server:?}",
            clients.len()
        );
    }
    assert_eq!(
        IpHash::new(0).pick(CLIENT, &[]),
        None,
        "no servers, nothing to pick"
    );
}

#[test]
fn algorithms_are_chosen_by_name_and_an_unknown_name_lists_the_known_ones() {
    for algorithm in Algorithm::ALL {
        assert_eq!(
            algorithm.name().parse(),
            Ok(algorithm),
            "{:?} parses back from its name",
            algorithm.name()
        );
    }
    assert_eq!(
        Algorithm::ALL.map(Algorithm::name),
        [
            "round-robin",
            "weighted-round-robin",
            "least-connections",
            "ip-hash",
            "weighted-least-connections",
            "least-response-time"
        ],
        "the names a configuration file uses"
    );
    let error = "random"
        .parse::<Algorithm>()
        .expect_err("there is no random algorithm");
    assert_eq!(
        error,
        UnknownAlgorithm {
            asked: "random".into()
        },
        "the error keeps the name asked for"
    );
    let message = error.to_string();
    for name in Algorithm::ALL.map(Algorithm::name) {
        assert!(
            message.contains(name),
            "the message should list {name}: {message}"
        );
    }
}

#[test]
fn a_load_balancer_switches_algorithm_while_it_runs() {
    let mut balancer = LoadBalancer::new(
        servers(&[5, 1, 1]),
        "round-robin".parse().expect("a known name"),
    );
    let routed: Vec<_> = (0..4)
        .map(|_| balancer.route(CLIENT).map(str::to_owned))
        .collect();
    assert_eq!(
        routed,
        [Some("a"), Some("b"), Some("c"), Some("a")].map(|name| name.map(str::to_owned)),
        "round robin over a, b and c"
    );

    balancer.switch(Algorithm::WeightedRoundRobin);
    assert_eq!(
        balancer.algorithm(),
        Algorithm::WeightedRoundRobin,
        "the algorithm switched to"
    );
    let routed: String = (0..7)
        .filter_map(|_| balancer.route(CLIENT).map(str::to_owned))
        .collect();
    assert_eq!(
        routed, "aabacaa",
        "after switching, the weights 5, 1, 1 apply"
    );

    balancer.switch(Algorithm::IpHash);
    let server = balancer.route(CLIENT).map(str::to_owned);
    assert_eq!(
        balancer.route(CLIENT).map(str::to_owned),
        server,
        "one client, one server"
    );
}

#[test]
fn switching_algorithm_keeps_the_requests_in_flight() {
    let mut balancer = LoadBalancer::new(servers(&[1, 1, 1]), Algorithm::RoundRobin);
    assert_eq!(
        route(&mut balancer, 4),
        "abca",
        "round robin over a, b and c"
    );
    balancer.finished("b", ms(20));
    assert_eq!(
        flying(&balancer),
        [2, 0, 1],
        "a has two requests in flight, b finished its one, c has one"
    );
    balancer.switch(Algorithm::LeastConnections);
    assert_eq!(
        flying(&balancer),
        [2, 0, 1],
        "switching algorithm finishes no request: the servers are as busy as before"
    );
    assert_eq!(
        route(&mut balancer, 3),
        "bbc",
        "least connections, right after a switch, sees what round robin sent: b (0), b \
         again (1, first of b and c), then c (1, against b's 2 and a's 2)"
    );
    balancer.finished("a", ms(20));
    balancer.finished("a", ms(20));
    assert_eq!(
        route(&mut balancer, 1),
        "a",
        "a finished both of its requests"
    );
    assert_eq!(flying(&balancer), [1, 2, 2], "requests in flight now");
    balancer.finished("z", ms(20));
    balancer.finished("a", ms(20));
    balancer.finished("a", ms(20));
    assert_eq!(
        flying(&balancer),
        [0, 2, 2],
        "a server nobody knows, or one with nothing in flight, changes nothing"
    );
}

#[test]
fn least_response_time_learns_from_the_requests_that_finish() {
    let mut balancer = LoadBalancer::new(servers(&[1, 1]), Algorithm::LeastResponseTime);
    assert_eq!(
        route(&mut balancer, 2),
        "ab",
        "nothing measured: a first, then b, which has less in flight"
    );
    balancer.finished("a", ms(30));
    balancer.finished("b", ms(10));
    assert_eq!(
        balancer
            .load()
            .iter()
            .map(|load| load.mean_response)
            .collect::<Vec<_>>(),
        [Some(ms(30)), Some(ms(10))],
        "each server's mean response time, from the requests that finished"
    );
    assert_eq!(
        route(&mut balancer, 3),
        "bba",
        "b takes 10 ms and a 30 ms: b, b again (2 x 10 ms), then a (1 x 30 ms ties with \
         3 x 10 ms, and a has less in flight)"
    );
    balancer.finished("b", ms(40));
    assert_eq!(
        balancer.load()[1].mean_response,
        Some(ms(25)),
        "b's mean over its two finished requests, 10 ms and 40 ms"
    );
}

proptest! {
    #![proptest_config(proptest_config(300))]

    #[test]
    fn smooth_weighted_round_robin_picks_each_server_its_weight_in_every_round(
        weights in prop::collection::vec(0u32..6, 1..6),
    ) {
        let total: u32 = weights.iter().sum();
        prop_assume!(total > 0);
        let mut balancer = SmoothWeighted::new(&weights);
        let first_round = picks(&mut balancer, weights.len(), total as usize);
        let second_round = picks(&mut balancer, weights.len(), total as usize);
        for (server, &weight) in weights.iter().enumerate() {
            let count = first_round.iter().filter(|&&pick| pick == Some(server)).count();
            prop_assert_eq!(count, weight as usize, "server {} of weights {:?} in {:?}", server, weights, first_round);
        }
        prop_assert_eq!(&first_round, &second_round, "every round of weights {:?} should repeat the first", weights);
    }

    #[test]
    fn least_connections_always_picks_a_server_with_the_fewest_in_flight_whatever_ran_before(
        servers_count in 1usize..5,
        steps in prop::collection::vec(prop_oneof![
            3 => Just(Step::Route),
            2 => (0usize..5).prop_map(Step::Finish),
            1 => prop::sample::select(vec![Algorithm::RoundRobin, Algorithm::LeastConnections, Algorithm::WeightedRoundRobin]).prop_map(Step::Switch),
        ], 0..40),
    ) {
        let mut balancer = LoadBalancer::new(servers(&[2, 1, 3, 1, 1][..servers_count]), Algorithm::LeastConnections);
        let mut in_flight = vec![0u32; servers_count];
        for step in &steps {
            match *step {
                Step::Route => {
                    let name = balancer.route(CLIENT).expect("there are servers").to_owned();
                    let picked = usize::from(name.as_bytes()[0] - b'a');
                    if balancer.algorithm() == Algorithm::LeastConnections {
                        let fewest = *in_flight.iter().min().expect("there are servers");
                        prop_assert_eq!(in_flight.iter().position(|&n| n == fewest), Some(picked), "least connections picked {} with {:?} in flight; the first with the fewest, please", name, in_flight);
                    }
                    in_flight[picked] += 1;
                }
                Step::Finish(server) => {
                    let name = ["a", "b", "c", "d", "e"][server];
                    balancer.finished(name, Duration::from_millis(5));
                    if server < servers_count && in_flight[server] > 0 {
                        in_flight[server] -= 1;
                    }
                }
                Step::Switch(algorithm) => balancer.switch(algorithm),
            }
            prop_assert_eq!(flying(&balancer), in_flight.clone(), "requests in flight after {:?}, in {:?}", step, steps);
        }
    }

    #[test]
    fn weighted_least_connections_picks_the_least_busy_for_its_weight(
        servers in prop::collection::vec((0u32..4, 0u32..6), 1..6),
    ) {
        let (weights, counts): (Vec<u32>, Vec<u32>) = servers.iter().copied().unzip();
        let picked = WeightedLeastConnections::new(&weights).pick(CLIENT, &in_flight(&counts));
        // The first server whose in_flight / weight is no more than any other's.
        let expected = (0..weights.len())
            .filter(|&s| weights[s] > 0)
            .find(|&s| (0..weights.len()).filter(|&o| weights[o] > 0).all(|o| counts[s] * weights[o] <= counts[o] * weights[s]));
        prop_assert_eq!(picked, expected, "weights {:?} with {:?} in flight", weights, counts);
    }
}

#[derive(Debug, Clone)]
enum Step {
    Route,
    Finish(usize),
    Switch(Algorithm),
}
