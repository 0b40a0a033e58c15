package dev.wstest.samples.classpath;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.client.WsClient;
import dev.wstest.mock.MockWsServer;
import dev.wstest.mock.Stub;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.Version;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An application under test that runs on Netty 4.1, as Reactor Netty, Spring WebFlux, Vert.x and gRPC do, keeps
 * its Netty when ws-test-mock is on the test classpath, and the mock works next to it: the mock's Netty 4.2 is
 * shaded into its jar. This module declares Netty 4.1 the way such an application brings it. Before the shading,
 * Maven mixed the two versions here and the mock failed to start (NoClassDefFoundError for 4.2's event loops).
 */
@Timeout(60)
class UsersOwnNettyTest {

    @Test
    @DisplayName("the application's Netty 4.1 stays whole and serves, and a mock runs beside it")
    void theApplicationsNettyIsLeftAlone() throws Exception {
        // every Netty module on the classpath is the application's 4.1: the mock brought none of its own
        assertThat(Version.identify().values()).isNotEmpty()
                .allSatisfy(v -> assertThat(v.artifactVersion()).as(v.artifactId()).startsWith("4.1."));

        EventLoopGroup group = new NioEventLoopGroup(1); // a 4.1 API, gone from 4.2's recommended set
        try {
            Channel app = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ctx.writeAndFlush(msg); // the application: a TCP echo on Netty 4.1
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();

            try (MockWsServer mock = MockWsServer.builder().stub(Stub.onText("ping").sendText("pong")).start();
                 WsClient client = WsClient.connect(mock.uri("/"))) {
                client.sendText("ping");
                assertThat(client).receivesText("pong");

                try (Socket s = new Socket()) {
                    s.connect(app.localAddress(), 2000);
                    s.setSoTimeout(2000);
                    s.getOutputStream().write("hello 4.1".getBytes(StandardCharsets.US_ASCII));
                    InputStream in = s.getInputStream();
                    assertThat(new String(in.readNBytes(9), StandardCharsets.US_ASCII)).isEqualTo("hello 4.1");
                }
            }
            app.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    @DisplayName("the ws-test-mock jar holds Netty only under dev/wstest/shaded/")
    void theMocksNettyIsShaded() throws Exception {
        Path jar = Path.of(MockWsServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(jar.getFileName().toString()).as("the packaged mock, not its classes directory").endsWith(".jar");
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.stream().map(e -> e.getName()))
                    .anyMatch(n -> n.startsWith("dev/wstest/shaded/io/netty/channel/"))
                    .noneMatch(n -> n.startsWith("io/netty/") || n.contains("blockhound")
                            || n.equals("META-INF/io.netty.versions.properties"));
        }
    }
}
